"""简体中文 for what every page shares: the navigation, link notices, chart helpers (see rnnviz/zh/__init__.py)."""

ZH = {
    # navigation (rnnviz.ui.PAGES)
    "Home": "首页",
    "Forward, step by step": "前向传播，逐步演示",
    "Backward (BPTT), step by step": "反向传播（BPTT），逐步演示",
    "Vanishing & exploding gradients": "梯度消失与梯度爆炸",
    "Training and optimizers": "训练与优化器",
    "The exploding-gradient cliff": "梯度爆炸的“悬崖”",
    "LSTM & GRU": "LSTM 与 GRU",
    "Trace a scenario": "追踪一个场景",
    # links (rnnviz.settings, rnnviz.ui)
    "Part of this link was ignored:": "链接中的部分参数已被忽略：",
    "given more than once": "出现了不止一次",
    "longer than {limit} characters": "超过 {limit} 个字符",
    "{text} is not one of {options}": "{text} 不是以下之一：{options}",
    "{text} is not true or false": "{text} 不是 true 或 false",
    "{text} is not a number": "{text} 不是数字",
    "{text} is not a whole number": "{text} 不是整数",
    "{text} is not a finite number": "{text} 不是有限的数",
    "{text} is outside [{low}, {high}]": "{text} 超出范围 [{low}, {high}]",
    "not a setting of this page": "不是本页的设置",
    # charts (rnnviz.ui.chart)
    "The numbers in this chart": "本图的数据",
}
