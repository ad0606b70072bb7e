from django.apps import AppConfig


class InterviewkitConfig(AppConfig):
    name = "interviewkit"
    verbose_name = "Interview kits"
