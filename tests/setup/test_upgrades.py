"""Every profile version is reachable through registered upgrade steps."""

from Products.GenericSetup.upgrade import _upgrade_registry
from torino.socialplan import PACKAGE_NAME


PROFILE = f"{PACKAGE_NAME}:default"
FIRST_RELEASE = "1000"


def upgrade_edges():
    """(source, destination) of every upgrade step registered for our profile."""
    edges = []
    for entry in _upgrade_registry.getUpgradeStepsForProfile(PROFILE).values():
        # A group (genericsetup:upgradeSteps) is a list of (id, step) pairs.
        steps = [step for _id, step in entry] if isinstance(entry, list) else [entry]
        for step in steps:
            assert step.source and step.dest, "wildcard steps are not used here"
            edges.append((".".join(step.source), ".".join(step.dest)))
    return edges


def reachable_versions(edges, start):
    reached, frontier = {start}, [start]
    while frontier:
        version = frontier.pop()
        for source, destination in edges:
            if source == version and destination not in reached:
                reached.add(destination)
                frontier.append(destination)
    return reached


class TestUpgrades:
    def test_profile_version_reachable_from_first_release(self, setup_tool):
        """A site installed at the first release can be upgraded to today's."""
        current = setup_tool.getVersionForProfile(PROFILE)
        assert current.isdigit(), "metadata.xml versions are integers"
        edges = upgrade_edges()
        assert current in reachable_versions(edges, FIRST_RELEASE), (
            f"no chain of upgrade steps from {FIRST_RELEASE} to {current}: "
            f"add one in torino/socialplan/upgrades/ ({edges=})"
        )

    def test_steps_never_go_past_the_profile_version(self, setup_tool):
        current = int(setup_tool.getVersionForProfile(PROFILE))
        for source, destination in upgrade_edges():
            assert int(source) < int(destination) <= current

    def test_fresh_install_has_no_pending_upgrade(self, setup_tool):
        assert setup_tool.listUpgrades(PROFILE) == []
        assert setup_tool.getLastVersionForProfile(PROFILE) == (
            tuple(setup_tool.getVersionForProfile(PROFILE).split("."))
        )
