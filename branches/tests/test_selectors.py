"""The per-child roll-up of the summary pages (branches.selectors.child_areas / group_by_child)."""
from branches.selectors import child_areas, group_by_child


def test_child_areas_are_in_tree_order(world):
    assert child_areas(world.root) == [world.county_a, world.county_b]
    assert child_areas(world.county_a) == [world.township_a, world.township_a2]


def test_a_village_has_no_child_areas_and_asks_nothing(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert child_areas(world.village_a1) == []


def test_items_are_grouped_under_the_child_they_lie_in(world):
    items = [world.village_a1, world.village_b1, world.township_a, world.village_a2]
    groups = group_by_child(world.root, items, path_of=lambda area: area.path)
    assert groups == [(world.county_a, [world.village_a1, world.township_a, world.village_a2]),
                      (world.county_b, [world.village_b1])]


def test_a_child_without_items_is_listed_empty(world):
    groups = group_by_child(world.county_a, [world.village_a1], path_of=lambda area: area.path)
    assert groups == [(world.township_a, [world.village_a1]), (world.township_a2, [])]
