import os

from django.core.wsgi import get_wsgi_application

from interviewkit.process_start import freeze_loaded_objects

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interviewkit.settings")
application = get_wsgi_application()
# An app server process lives long: what it loaded stays out of the garbage collector's rounds.
freeze_loaded_objects()
