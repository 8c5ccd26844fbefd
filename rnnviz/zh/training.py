"""简体中文 for training: English -> Chinese (see rnnviz/zh/__init__.py)."""

ZH = {
}
