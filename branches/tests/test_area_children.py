"""The per-child roll-up of the summary pages (Area.child_areas / Area.group_by_child)."""


def test_child_areas_are_in_tree_order(world):
    assert world.root.child_areas() == [world.county_a, world.county_b]
    assert world.county_a.child_areas() == [world.township_a, world.township_a2]


def test_a_village_has_no_child_areas_and_asks_nothing(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert world.village_a1.child_areas() == []


def test_items_are_grouped_under_the_child_they_lie_in(world):
    items = [world.village_a1, world.village_b1, world.township_a, world.village_a2]
    groups = world.root.group_by_child(items, path_of=lambda area: area.path)
    assert groups == [(world.county_a, [world.village_a1, world.township_a, world.village_a2]),
                      (world.county_b, [world.village_b1])]


def test_a_child_without_items_is_listed_empty(world):
    groups = world.county_a.group_by_child([world.village_a1], path_of=lambda area: area.path)
    assert groups == [(world.township_a, [world.village_a1]), (world.township_a2, [])]
