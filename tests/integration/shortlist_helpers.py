"""Set-up for the shortlist tests: agreed qualities, an open form and applications."""

from __future__ import annotations

from panels.db import db
from panels.models import Application, ApplicationAnswer, ApplicationSetup, Quality

PROMPTS = ("Why do you want this job?", "Tell us about a time you helped someone.")
TOKEN = "public-token-for-tests"


def agreed_qualities(job_id: int, words=("Listens to me", "Lets me choose")) -> list[int]:
    made = []
    for i, text in enumerate(words, start=1):
        quality = Quality(
            job_id=job_id, key=f"k{i}", kind="quality", position=i, easy_read=text, status="agreed"
        )
        db.session.add(quality)
        made.append(quality)
    db.session.flush()
    return [q.id for q in made]


def open_form(job_id: int, token: str = TOKEN, prompts=PROMPTS) -> None:
    db.session.add(
        ApplicationSetup(job_id=job_id, token=token, open=True, prompts="\n".join(prompts))
    )
    db.session.flush()


def application(job_id: int, number: int, name: str, answers=(), **extra) -> Application:
    extra.setdefault("status", "sent")
    made = Application(
        job_id=job_id,
        number=number,
        name=name,
        email=extra.pop("email", f"{name.split()[0].lower()}@example.net"),
        phone=extra.pop("phone", "07700 900123"),
        **extra,
    )
    for position, (prompt, answer) in enumerate(zip(PROMPTS, answers, strict=False)):
        made.answers.append(ApplicationAnswer(position=position, prompt=prompt, answer=answer))
    db.session.add(made)
    db.session.flush()
    return made


PUBLIC_TOKEN = "public-job-page-token"
RESUME_TOKEN = "private-draft-link-token"


def shortlist_world(job_a, job_b) -> dict:
    """For the access matrix: agreed qualities and a sent application in jobs A and B,
    and a third job of the same organisation with an open public form and a draft.

    (The public page shows its job's title to anyone, so it is not job A's.)
    """
    from panels.shortlist.service import resume_digest
    from tests.conftest import make_job

    quality_a = Quality(job_id=job_a.id, key="kq", kind="quality", position=1,
                        easy_read="Listens to me", status="agreed")  # fmt: skip
    quality_b = Quality(job_id=job_b.id, key="kb", kind="quality", position=1,
                        easy_read="Lets me choose", status="agreed")  # fmt: skip
    db.session.add_all([quality_a, quality_b])
    db.session.add(ApplicationSetup(job_id=job_a.id, token="job-a-form", prompts="Why?"))
    app_a = application(
        job_a.id,
        1,
        "Appname Alphaone",
        ("APPANSWER-ALPHA: I am Appname Alphaone and I listen.",),
        email="appname.alphaone@apply.example",
        phone="07700 900777",
    )
    app_b = application(job_b.id, 1, "Bappname Betaone", ("APPANSWER-BETA: I help.",), phone="")
    job_p = make_job("JOB-OPEN", "Openline helper", [], [], place="Open Hall")
    open_form(job_p.id, PUBLIC_TOKEN, ("Why do you want this job?",))
    db.session.add(Quality(job_id=job_p.id, key="kp", kind="quality", position=1,
                           easy_read="Is kind", status="agreed"))  # fmt: skip
    draft = application(job_p.id, 1, "Drafty Person", ("Half written",), status="draft", phone="")
    draft.resume_hash = resume_digest(RESUME_TOKEN)
    db.session.flush()
    return {
        "quality_a": quality_a.id,
        "quality_b": quality_b.id,
        "app_a": app_a.id,
        "app_b": app_b.id,
        "apply_token": PUBLIC_TOKEN,
        "resume_p": RESUME_TOKEN,
    }
