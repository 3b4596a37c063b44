"""Keep every comment's rendered HTML in step with its text, whichever route
saved it (our core, the stock forms, a script)."""

from torino.socialplan.discussion.rendering import render_text


def render_comment(comment, event):
    comment.rendered_html = render_text(comment.text)
