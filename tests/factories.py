"""factory_boy factories for every model. Kits built here always have weights summing to 100."""

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from interviewkit import personas
from interviewkit.models import Dimension, Exercise, KitVersion, Role, Signal
from scorecards.models import (
    Candidate,
    Decision,
    Interview,
    ObservedSignal,
    Rating,
    Scorecard,
)
from scorecards.services.candidate_status import candidate_status_refresh


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("pw-for-tests")

    @factory.post_generation
    def persona(self, create, extracted, **kwargs):
        if create and extracted:
            # get_or_create: transactional (browser) tests flush the groups the migration made.
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Platform Engineer {n}")
    slug = factory.LazyAttribute(lambda r: r.title.lower().replace(" ", "-"))


class KitVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KitVersion

    role = factory.SubFactory(RoleFactory)
    number = factory.Sequence(lambda n: n + 1)
    weight_basis = KitVersion.WeightBasis.MANUAL


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension

    kit = factory.SubFactory(KitVersionFactory)
    name = factory.Sequence(lambda n: f"Dimension {n}")
    description = "What excellent looks like."
    weight = 25
    position = factory.Sequence(int)


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise
        skip_postgeneration_save = True

    kit = factory.SubFactory(KitVersionFactory)
    name = factory.Sequence(lambda n: f"Exercise {n}")
    format = Exercise.Format.SYSTEM_DESIGN
    minutes = 60
    brief = "Design something."
    position = factory.Sequence(int)

    @factory.post_generation
    def focus(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus.set(extracted)


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal

    kit = factory.SubFactory(KitVersionFactory)
    kind = Signal.Kind.STRONG
    text = factory.Sequence(lambda n: f"Signal {n}")


def make_kit(
    *, role: Role | None = None, weights: tuple[int, ...] = (40, 30, 20, 10), number: int = 1
) -> KitVersion:
    """A kit with one dimension per weight, two exercises splitting the dimensions, and one
    signal of each kind (the red flag bears on the first dimension)."""
    assert sum(weights) == 100, weights
    kit = KitVersionFactory(role=role or RoleFactory(), number=number)
    dims = [
        DimensionFactory(kit=kit, name=f"Dimension {i + 1}", weight=w, position=i)
        for i, w in enumerate(weights)
    ]
    half = max(1, len(dims) // 2)
    ExerciseFactory(kit=kit, name="System design", focus=dims[:half], position=0)
    ExerciseFactory(
        kit=kit, name="Behavioral", format=Exercise.Format.BEHAVIORAL, focus=dims[half:], position=1
    )
    SignalFactory(kit=kit, kind=Signal.Kind.STRONG, text="Explains trade-offs", position=0)
    SignalFactory(kit=kit, kind=Signal.Kind.WEAK, text="Relies on heroics", position=1)
    SignalFactory(
        kit=kit, kind=Signal.Kind.RED, text="Blames others", dimension=dims[0], position=2
    )
    return kit


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    role = factory.SubFactory(RoleFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"candidate{n}@example.com")


class StoredStatusFollows:
    """A factory of a row the candidate's status rules read (an interview, a scorecard, a
    decision): the app's services store the candidate's status again in the same transaction
    (`candidate_status_refresh`), so a row made here does the same, and tests see what the app
    would show. The services' own refreshes are checked apart, without factories
    (tests/scorecards/test_candidate_status.py)."""

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            candidate_status_refresh(candidate_ids=[cls._candidate_id(instance)])


class InterviewFactory(StoredStatusFollows, factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    candidate = factory.SubFactory(CandidateFactory)
    interviewer = factory.SubFactory(UserFactory, persona=personas.INTERVIEWERS)
    title = factory.LazyAttribute(lambda i: i.exercise.name if i.exercise else "Interview")
    exercise = None

    @staticmethod
    def _candidate_id(interview: Interview) -> int:
        return interview.candidate_id


class ScorecardFactory(StoredStatusFollows, factory.django.DjangoModelFactory):
    class Meta:
        model = Scorecard

    interview = factory.SubFactory(InterviewFactory)
    kit = factory.LazyAttribute(lambda s: s.interview.candidate.role.current_kit())

    class Params:
        # `ScorecardFactory(submitted=True)`: submitted now, recommending yes.
        submitted = factory.Trait(
            status=Scorecard.Status.SUBMITTED,
            submitted_at=factory.LazyFunction(timezone.now),
            recommendation="yes",
        )

    @staticmethod
    def _candidate_id(scorecard: Scorecard) -> int:
        return scorecard.interview.candidate_id


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    scorecard = factory.SubFactory(ScorecardFactory)
    value = 3


class ObservedSignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObservedSignal

    scorecard = factory.SubFactory(ScorecardFactory)


class DecisionFactory(StoredStatusFollows, factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    candidate = factory.SubFactory(CandidateFactory)
    outcome = Decision.Outcome.HIRE
    rationale = "Strong panel."

    @staticmethod
    def _candidate_id(decision: Decision) -> int:
        return decision.candidate_id
