"""Demo accounts, one per persona, for `make run`. Idempotent: running it twice changes nothing."""

from dataclasses import dataclass

from django.contrib.auth.models import Group, User
from django.db import transaction

from interviewkit import personas

DEMO_PASSWORD = "interviewkit-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    group: str
    description: str


DEMO_USERS = [
    DemoUser("ines", "Ines", "Alvarez", personas.INTERVIEWERS, "interviewer"),
    DemoUser("omar", "Omar", "Haddad", personas.INTERVIEWERS, "second interviewer"),
    DemoUser("jonas", "Jonas", "Berg", personas.INTERVIEWERS, "third interviewer"),
    DemoUser("mei", "Mei", "Tanaka", personas.INTERVIEWERS, "fourth interviewer"),
    DemoUser("hana", "Hana", "Kim", personas.HIRING_MANAGERS, "hiring manager"),
    DemoUser("rita", "Rita", "Okafor", personas.RECRUITERS, "recruiter"),
    DemoUser("admin", "Ada", "Admin", personas.ADMINS, "admin"),
]


@transaction.atomic
def ensure_demo_users() -> dict[str, User]:
    users = {}
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@example.com",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        if demo.group == personas.ADMINS:
            user.is_staff = user.is_superuser = True
        user.save()
        user.groups.add(Group.objects.get_or_create(name=demo.group)[0])
        users[demo.username] = user
    return users


def logins_text() -> str:
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    for demo in DEMO_USERS:
        lines.append(f"  {demo.username:<8} {demo.first_name} {demo.last_name}, {demo.description}")
    return "\n".join(lines)
