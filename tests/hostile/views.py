"""Every view the add-on registers and the methods it answers (anything else:
405 with ``Allow``), for the method tests and the sweep."""

READ = ("GET", "HEAD")
FORM = ("GET", "HEAD", "POST")


PUBLISHED_PAPER = "plan/chapter/++conversation++default/{comment}/@@position-paper"
PENDING_PAPER = "plan/chapter/action-a/{pledge}/@@position-paper"


def path_of(site, path):
    """``path`` with the ids of ``site``'s contributions filled in."""
    return path.format(
        comment=site["comment"].id,
        pledge=site["pledge"].getId(),
    )


def our_views(*default_views):
    """The views; ``default_views`` (paths to a default view each file tries)
    come second."""
    return {
        "plan/view": READ,
        **dict.fromkeys(default_views, READ),
        "plan/chapter/action-a/view": READ,
        "chamber/view": READ,
        "plan/@@consultation-export": READ,
        "plan/@@consultation-report": READ,
        "plan/@@consultation-results": READ,
        "plan/@@moderation": FORM,
        "plan/@@outcomes": FORM,
        "plan/@@how-the-plan-changed": FORM,
        "plan/chapter/@@how-the-plan-changed": FORM,
        "plan/@@plan-life": FORM,
        "plan/@@plan-life-act": READ,
        "plan/@@synopsis": FORM,
        "plan/@@pledge": FORM,
        "plan/chapter/action-a/@@pledge": FORM,
        "plan/chapter/@@comment-submit": FORM,
        "plan/chapter/@@inline-comments": READ,
        "plan/chapter/@@comments-batch": READ,
        # A published comment's position paper ({comment}: the id of
        # tests/hostile/conftest.py's comment, see ``path_of``; a pending
        # Pledge's, in test_paper_download.py).
        PUBLISHED_PAPER: READ,
        "@@confirm-contribution": FORM,
        "@@my-data": FORM,
        "@@personal-data-requests": FORM,
        "@@personal-data-retention": FORM,
        "@@record-of-processing": READ,
        "privacy-notice/@@document_view": READ,
        "dichiarazione-di-accessibilita/@@document_view": READ,
    }
