"""Matrices typed as text."""

import pytest

from rnnviz.matrix_text import MatrixTextError, format_matrix, format_vector, parse_matrix, parse_vector


@pytest.mark.parametrize("text,expected", [
    ("1", [[1.0]]),
    ("1 2; 3 4", [[1.0, 2.0], [3.0, 4.0]]),
    ("1,2\n3,4\n", [[1.0, 2.0], [3.0, 4.0]]),
    (" -0.5  1e-3 ;", [[-0.5, 0.001]]),
])
def test_parse(text, expected):
    assert parse_matrix(text) == expected


@pytest.mark.parametrize("text,message", [
    ("", "empty"), ("  ;  ", "empty"), ("1 2;;3 4", "row 2 is empty"),
    ("1 a", "row 1, column 2: 'a' is not a number"), ("1; nan", "row 2, column 1: 'nan' is not a finite"),
    ("1e999", "not a finite number"), ("1 2; 3", "rows have different lengths (2, 1)"),
])
def test_errors_name_row_and_column(text, message):
    with pytest.raises(MatrixTextError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_matrix(text)


def test_expected_shape():
    with pytest.raises(MatrixTextError, match="expected 2×2, got 2×3"):
        parse_matrix("1 2 3; 4 5 6", 2, 2)
    with pytest.raises(MatrixTextError, match="expected 1×3, got 1×2"):
        parse_vector("1 2", 3)


def test_round_trip():
    m = [[1.0, -0.25], [1e-7, 123456.0]]
    assert parse_matrix(format_matrix(m)) == m
    assert format_matrix([[1.0, 0.0], [-0.0, 2.5]]) == "1 0; 0 2.5"
    assert parse_vector(format_vector([0.5, 2.0])) == [0.5, 2.0]


def test_errors_in_chinese_keep_row_column_and_text():
    import contextvars

    from rnnviz import i18n

    def message(text):
        with pytest.raises(MatrixTextError) as info:
            parse_matrix(text, 2, 2)
        return str(info.value)

    ctx = contextvars.copy_context()
    ctx.run(i18n.use, "zh")
    assert ctx.run(message, "1 a; 2 3") == "第 1 行第 2 列：'a' 不是数字"
    assert ctx.run(message, "1 2 3; 4 5 6") == "应为 2×2，实际为 2×3"
    assert message("1 a; 2 3") == "row 1, column 2: 'a' is not a number"  # English outside a Chinese context
