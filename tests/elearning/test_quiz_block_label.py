from elearning.blocks import QuizQuestionBlock


def test_quiz_block_preview_shows_the_swedish_kind_not_the_code(db):
    block = QuizQuestionBlock()
    value = block.to_python(block.meta.preview_value)
    html = block.render(value)
    assert "Ett svar" in html
    assert "single" not in html
