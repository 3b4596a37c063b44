"""The lowest layer: rules every other layer shares and that depend on no
other part of the add-on (the input policy, the consultation's clock, the
names of contribution states). Content types, the consultation core and
the routes all import from here; nothing here imports them."""
