"""jieba with the domain dictionary: domain words stay whole, loading is quiet and lazy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from minping.triage import content_terms, segment

ROOT = Path(__file__).resolve().parents[3]


def test_domain_words_are_kept_whole():
    words = segment("二次供水泵房设备陈旧，建议建设立体停车场")
    assert "二次供水" in words
    assert "泵房" in words
    assert "立体停车场" in words


def test_content_terms_drop_filler_and_map_synonyms():
    assert content_terms("建议尽快解决小区暖气不热的问题！") == ["小区", "供暖", "不热"]


def test_loading_prints_nothing_and_uses_the_given_cache_dir(tmp_path):
    script = (
        "from minping.triage import segment, set_cache_dir\n"
        f"set_cache_dir({str(tmp_path)!r})\n"
        "segment('小区停车难')\n"
    )
    done = subprocess.run(  # noqa: S603  # runs this interpreter on a fixed script
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout == ""
    assert done.stderr == ""
    assert list(tmp_path.glob("jieba*.cache"))


def test_importing_the_package_does_not_load_jieba():
    script = "import sys, minping.triage\nprint('jieba' in sys.modules)\n"
    done = subprocess.run(  # noqa: S603  # runs this interpreter on a fixed script
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
