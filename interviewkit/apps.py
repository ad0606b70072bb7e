from django.apps import AppConfig


class InterviewkitConfig(AppConfig):
    name = "interviewkit"
    verbose_name = "Interview kits"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from interviewkit import auth_signals, personas

        auth_signals.connect()
        # After the last app's migrations, when every model's permissions exist.
        post_migrate.connect(personas.ensure_groups, sender=self.apps.get_app_config("scorecards"))
