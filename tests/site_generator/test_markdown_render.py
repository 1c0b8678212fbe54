"""Page bodies as readers get them: every heading an anchor, bold and italic in every script."""
import pytest

from site_generator.build import build_site
from site_generator.markdown_render import anchors_in, render_markdown
from site_generator.problems import BuildFailed

from .small_site import write_small_site


def test_every_heading_gets_an_id_from_its_text_unless_one_is_written():
    html = render_markdown("## Where to apply?\n\n## Where to apply?\n\n## Fees {#where-to-apply_2}\n\n"
                           "### Fees & costs\n")
    assert html == ('<h2 id="where-to-apply">Where to apply?</h2>\n'
                    '<h2 id="where-to-apply_1">Where to apply?</h2>\n'
                    '<h2 id="where-to-apply_2">Fees</h2>\n'
                    '<h3 id="fees-costs">Fees &amp; costs</h3>')
    assert anchors_in(html) == {"where-to-apply", "where-to-apply_1", "where-to-apply_2", "fees-costs"}


@pytest.mark.parametrize("heading, anchor", [
    ("如何申请", "如何申请"),
    ("申请：所需文件", "申请所需文件"),
    ("أين تبحث؟", "أين-تبحث"),
    ("مَكتب العمل", "مَكتب-العمل"),
    ("เอกสารที่ต้องใช้", "เอกสารที่ต้องใช้"),  # Thai vowel and tone marks kept
    ("**Bold** heading", "bold-heading"),
])
def test_heading_ids_in_other_scripts(heading, anchor):
    assert render_markdown(f"## {heading}").startswith(f'<h2 id="{anchor}">')


@pytest.mark.parametrize("markdown, html", [
    ("**注意：**请带上护照。", "<p><strong>注意：</strong>请带上护照。</p>"),
    ("**重要（必須）**パスポートを持ってきてください。",
     "<p><strong>重要（必須）</strong>パスポートを持ってきてください。</p>"),
    ("**如果您领取[最低生活保障](id:minimum-income)**或失业金",
     '<p><strong>如果您领取<a href="id:minimum-income">最低生活保障</a></strong>或失业金</p>'),
    ("*注意：*请", "<p><em>注意：</em>请</p>"),
    ("- **注意：**带上护照\n- 不要**忘记", "<ul>\n<li><strong>注意：</strong>带上护照</li>\n<li>不要**忘记</li>\n</ul>"),
])
def test_bold_and_italic_beside_chinese_and_japanese_punctuation(markdown, html):
    assert render_markdown(markdown) == html


@pytest.mark.parametrize("markdown", ["`**not bold**`", "```\n**not bold**\n```", "5 * 3 * 2 = 30", "**a [b**c](x) d"])
def test_asterisks_that_are_not_emphasis_stay_as_written(markdown):
    assert "<strong>" not in render_markdown(markdown) and "<em>" not in render_markdown(markdown)


def test_tables_and_lists_render():
    html = render_markdown("| Office | Hours |\n|---|---|\n| Town hall | 8–12 |\n\n1. First\n2. Second\n")
    assert "<th>Office</th>" in html and "<td>Town hall</td>" in html
    assert "<ol>\n<li>First</li>\n<li>Second</li>\n</ol>" in html


def test_an_id_link_to_a_heading_in_arabic_reaches_its_anchor(config, tmp_path):
    content = write_small_site(tmp_path / "content")
    guide = content / "ar" / "work" / "find-a-job.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text + "\n## الوثائق المطلوبة\n\nجواز السفر.\n\nانظر [الوثائق](id:find-a-job#الوثائق-المطلوبة).\n",
                     encoding="utf-8")
    build_site(config, content_dir=content, output_dir=tmp_path / "output")
    page = (tmp_path / "output" / "ar" / "work" / "find-a-job" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="الوثائق-المطلوبة">الوثائق المطلوبة</h2>' in page
    assert 'href="/ar/work/find-a-job/#الوثائق-المطلوبة"' in page

    guide.write_text(text + "\nانظر [الوثائق](id:find-a-job#وثائق).\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build_site(config, content_dir=content, output_dir=tmp_path / "output")
    assert any("ar/work/find-a-job.md" in str(problem) and "no anchor '#وثائق'" in str(problem)
               for problem in caught.value.problems), caught.value.problems
