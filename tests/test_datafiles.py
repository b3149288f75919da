"""Reading the YAML files shipped in bilat/data: parsed data, or an error naming the file."""
from __future__ import annotations

import pytest

import bilat.datafiles as datafiles
from bilat.datafiles import read_data_mapping, read_data_yaml
from bilat.errors import KnowledgeError


def test_datafiles_reads_shipped_files():
    assert isinstance(read_data_yaml("named_periods.yaml"), list)
    assert "labels" in read_data_mapping("genre.yaml")


def test_datafiles_missing_file_names_it_and_advises():
    with pytest.raises(KnowledgeError, match=r"absent\.yaml: cannot be read .*reinstall bilat"):
        read_data_yaml("absent.yaml")


def test_datafiles_invalid_yaml_names_the_file(tmp_path, monkeypatch):
    (tmp_path / "broken.yaml").write_text("labels: [news, opinion\n", encoding="utf-8")
    monkeypatch.setattr(datafiles, "data_file", lambda name: tmp_path / name)
    with pytest.raises(KnowledgeError, match=r"(?s)broken\.yaml: not valid YAML .*fix the syntax"):
        read_data_yaml("broken.yaml")


def test_datafiles_mapping_rejects_a_list():
    with pytest.raises(KnowledgeError, match=r"named_periods\.yaml: expected a mapping at the top level, got list"):
        read_data_mapping("named_periods.yaml")
