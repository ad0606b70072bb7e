from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    name = "scorecards"
    verbose_name = "Scorecards and packets"

    def ready(self) -> None:
        from scorecards import receivers

        receivers.register_audited_routes()
