"""Wiring for the web side: blueprints, security headers, error pages."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from panels.db import db, login_manager

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

ERROR_WORDS = {
    400: ("Something was wrong with what was sent", "Please go back and try again."),
    403: ("You cannot see this page", "This page is for other people on the panel."),
    404: ("Page not found", "Check the web address, or go back to your jobs."),
    405: ("That did not work", "Please go back and use the buttons on the page."),
    410: ("This link no longer works", "Ask your coordinator for a new link."),
    413: ("The file is too big", "Please choose a smaller file."),
    429: ("Too many tries", "Please wait 15 minutes, then try again."),
    500: ("Sorry, something went wrong", "Nothing you saved is lost. Please try again."),
}


def register_web(app: Flask) -> None:
    from panels.account.views import bp as account_bp
    from panels.audio.views import bp as audio_bp
    from panels.auth.views import bp as auth_bp
    from panels.candidates.views import bp as candidates_bp
    from panels.invitations.views import bp as invitations_bp
    from panels.jobs.views import bp as jobs_bp
    from panels.live.views import bp as live_bp
    from panels.members.views import bp as members_bp
    from panels.pages.views import bp as pages_bp
    from panels.plan.views import bp as plan_bp
    from panels.questions.views import bp as questions_bp
    from panels.results.views import bp as results_bp
    from panels.scoring.views import bp as scoring_ui_bp

    for blueprint in (
        pages_bp,
        auth_bp,
        account_bp,
        jobs_bp,
        members_bp,
        candidates_bp,
        audio_bp,
        plan_bp,
        live_bp,
        questions_bp,
        invitations_bp,
        scoring_ui_bp,
        results_bp,
    ):
        app.register_blueprint(blueprint)

    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str):
        from panels.models import User

        if not user_id.isdigit():
            return None
        return db.session.get(User, int(user_id))

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", "camera=(), geolocation=()")
        if request.endpoint not in ("static",) and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return (
            render_template(
                "error.html",
                heading="This form was open too long or came from somewhere else",
                message="Nothing was saved. Please go back, reload the page and try again.",
            ),
            400,
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        heading, message = ERROR_WORDS.get(error.code or 500, ERROR_WORDS[400])
        return render_template("error.html", heading=heading, message=message), error.code

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        app.logger.exception("Unhandled error", exc_info=error)
        db.session.rollback()
        heading, message = ERROR_WORDS[500]
        return render_template("error.html", heading=heading, message=message), 500

    @app.context_processor
    def template_globals():
        from flask_login import current_user

        from panels.audio.views import listen_url
        from panels.common.access import nav_for
        from panels.common.sections import sections_for
        from panels.members.words import prefs_words

        return {
            "nav_items": nav_for(request),
            "job_sections": lambda job, me: sections_for(job, me, current_user),
            "prefs_words": prefs_words,
            "listen_url": listen_url,
        }
