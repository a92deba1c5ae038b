"""Error pages in plain words."""

from __future__ import annotations

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from panels.db import db

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


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> ResponseReturnValue:
        return (
            render_template(
                "error.html",
                heading="This form was open too long or came from somewhere else",
                message="Nothing was saved. Please go back, reload the page and try again.",
            ),
            400,
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        heading, message = ERROR_WORDS.get(error.code or 500, ERROR_WORDS[400])
        code = error.code or 500
        return render_template("error.html", heading=heading, message=message), code

    @app.errorhandler(Exception)
    def server_error(error: Exception) -> ResponseReturnValue:
        if isinstance(error, HTTPException):
            return http_error(error)
        app.logger.exception("Unhandled error", exc_info=error)
        db.session.rollback()
        heading, message = ERROR_WORDS[500]
        return render_template("error.html", heading=heading, message=message), 500
