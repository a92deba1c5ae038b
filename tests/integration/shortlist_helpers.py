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
