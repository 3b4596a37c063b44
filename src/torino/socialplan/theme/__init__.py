"""The institutional theme: Barceloneta with the look of Designers Italia,
the promoters' header and footer, and the pages the footer links to.

- ``static/``: the plone.app.theming theme ``torino.socialplan`` (rules,
  page template, the CSS and fonts built by ``make theme`` from ``scss/``);
- ``settings.py``: the promoters' names, logos and contacts (registry);
- ``viewlets.py``: the header and footer the theme's rules put in place;
- ``pages.py``: the accessibility statement and the legal notes.
"""

THEME_NAME = "torino.socialplan"
BASE_THEME = "barceloneta"
