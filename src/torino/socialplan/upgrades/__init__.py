"""Upgrade steps of the default profile.

The first release installs profile version 1000. Every later change to
profiles/default raises the version in metadata.xml and adds the steps that
bring an existing site from the previous version to the new one, grouped in
one module per version range (e.g. ``to_1001.py``) and registered in
configure.zcml. tests/setup/test_upgrades.py fails when the chain of steps does
not reach the profile version.
"""
