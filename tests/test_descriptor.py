"""The descriptor a package is checked against keeps the contract's schemas but never the bundled
package's own words about itself: another election's title must not come out as Kazakhstan's in kk/ru."""

from observer.loading.descriptor import effective


def test_a_package_with_one_title_does_not_inherit_the_bundled_titles_in_other_languages():
    own = {"title": "SYNTHETIC Examplia 2031", "resources": []}
    descriptor = effective(own, [])
    assert descriptor["title"] == "SYNTHETIC Examplia 2031"
    assert "title_kk" not in descriptor
    assert "title_ru" not in descriptor
    assert "description_kk" not in descriptor


def test_a_package_keeps_its_own_titles_in_other_languages():
    own = {"title": "Examplia", "title_kk": "Экзамплия", "resources": []}
    descriptor = effective(own, [])
    assert descriptor["title_kk"] == "Экзамплия"
    assert "title_ru" not in descriptor


def test_a_package_without_a_descriptor_has_no_bundled_titles():
    descriptor = effective(None, [])
    assert descriptor["title"] == ""
    assert not any(key.startswith(("title_", "description_")) for key in descriptor)
