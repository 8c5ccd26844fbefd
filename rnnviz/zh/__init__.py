"""The 简体中文 catalogue: English text (as marked with rnnviz.i18n._ / N_) -> Chinese.

One module per part of the app, merged here. Terms as the tutorial uses them: 循环神经网络 (RNN),
隐藏状态 (hidden state), 反向传播 / 随时间反向传播 (backpropagation / BPTT), 梯度消失, 梯度爆炸,
梯度裁剪 (clipping), 损失 (loss), 权重 (weight), 偏置 (bias), 激活函数 (activation).
"""

from .common import ZH as _common
from .flow import ZH as _flow
from .steps import ZH as _steps
from .training import ZH as _training

ZH: dict[str, str] = {**_common, **_steps, **_flow, **_training}
