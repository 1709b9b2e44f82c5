"""Content-Security-Policy exceptions, named for what they allow (the policy is in settings)."""

from csp.decorators import csp_update

# A document that is its own file (the HTML report, a printable receipt) carries its styles inline,
# so it opens the same way when saved to disk; scripts stay forbidden.
self_contained_document = csp_update({"style-src": ["'unsafe-inline'"]})
