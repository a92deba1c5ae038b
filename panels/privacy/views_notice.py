"""The easy-read privacy notices: a candidate's (from their invitation, no sign-in: the
private link is the key) and a panel member's (from their job page)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, url_for
from flask_login import login_required

from panels.common.access import job_or_404
from panels.common.symbols import symbol_url
from panels.invitations import content as invitation_content
from panels.invitations import queries as invitation_queries
from panels.orgs.queries import shown_to_candidates
from panels.privacy import notice, queries


def add_routes(bp: Blueprint) -> None:
    bp.add_url_rule("/invite/<token>/privacy", view_func=candidate_notice)
    bp.add_url_rule("/apply/<token>/privacy", view_func=applicant_notice)
    bp.add_url_rule(
        "/jobs/<int:job_id>/how-we-keep-your-details", view_func=login_required(member_notice)
    )


def _facts(job) -> notice.NoticeFacts:
    organisation, contact = shown_to_candidates(job.organisation)
    policy = queries.policy_of(job.organisation_id)
    return notice.NoticeFacts(
        organisation=organisation,
        contact=job.contact or contact,
        keep_months=policy.keep_months,
        keep_appointed_months=policy.keep_appointed_months,
    )


def _page(title: str, blocks, back: str, back_text: str):
    return render_template(
        "privacy/notice.html",
        title=title,
        blocks=blocks,
        whole=notice.whole_text(blocks),
        symbol_src=symbol_url,
        listening=True,
        back=back,
        back_text=back_text,
    )


def candidate_notice(token: str):
    opened = invitation_queries.open_link(current_app.config["SECRET_KEY"], token)
    if opened.status != 200 or opened.invitation is None:
        heading, message = (
            invitation_content.LINK_GONE if opened.status == 410 else invitation_content.LINK_WRONG
        )
        return render_template(
            "invitations/link_problem.html",
            heading=heading,
            message=message,
            help=invitation_content.LINK_HELP,
        ), opened.status
    job = opened.invitation.candidate.job
    return _page(
        "Your details",
        notice.candidate_blocks(_facts(job)),
        url_for("invitations.page", token=token),
        "Back to your invitation",
    )


def member_notice(job_id: int):
    job = job_or_404(job_id)
    return _page(
        "Your details",
        notice.member_blocks(_facts(job)),
        url_for("jobs.show", job_id=job.id),
        "Back to the job",
    )


def applicant_notice(token: str):
    """The candidates' notice for someone applying (linked from the application form)."""
    from panels.shortlist import queries as shortlist_queries

    setup = shortlist_queries.setup_by_token(token)
    job = shortlist_queries.job_of(setup) if setup is not None else None
    if job is None:
        abort(404)
    return _page(
        "Your details",
        notice.candidate_blocks(_facts(job)),
        url_for("shortlist.apply", token=token),
        "Back to the application form",
    )
