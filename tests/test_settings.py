"""The settings read from the environment at start-up: which database, and the refusals."""


def test_it_runs_on_sqlite_with_nothing_set(settings_in_new_process):
    result = settings_in_new_process({}, "DATABASES['default']['ENGINE']")
    assert result.stdout.strip() == "django.db.backends.sqlite3", result.stderr


def test_database_url_selects_postgresql(settings_in_new_process):
    result = settings_in_new_process(
        {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test"},
        "DATABASES['default']['ENGINE']",
    )
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr


def test_production_without_secret_key_refuses_to_start_with_a_clear_message(
    settings_in_new_process,
):
    result = settings_in_new_process({"DEBUG": "0"}, "DATABASES['default']['ENGINE']")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_bad_boolean_fails_loudly(settings_in_new_process):
    result = settings_in_new_process({"DEBUG": "maybe"}, "DATABASES['default']['ENGINE']")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr
