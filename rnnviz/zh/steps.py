"""简体中文 for steps: English -> Chinese (see rnnviz/zh/__init__.py).

The home page (app.py), the forward and backward step pages, the trace page, and what they share:
the scenario editor (rnnviz.ui.scenario), its validation messages (rnnviz.scenario,
rnnviz.matrix_text), the tutorial's reading and errata (rnnviz.tutorial), the tables and chart
summaries (rnnviz.tables), the charts and the unrolled graph's frames (rnnviz.charts, rnnviz.steps).
"""

ZH = {
    # home page (app.py)
    "rnnviz: a recurrent neural network, number by number": "rnnviz：一个循环神经网络，一个数一个数地看",
    "Set the weights, inputs and activation of a small RNN, follow every hidden-state update and every "
    "backpropagation-through-time gradient with the numbers written into the formulas, and watch gradients "
    "vanish or explode. For learners beside their notebook and teachers in front of a class. Every number "
    "comes from one small NumPy engine, `rnnviz`, which also works on its own in Jupyter and from "
    "`python -m rnnviz`.":
        "设置一个小型循环神经网络的权重、输入和激活函数，跟随每一次隐藏状态的更新和随时间反向传播（BPTT）"
        "得到的每一个梯度，数字都直接代入公式；再看梯度如何消失或爆炸。适合边看笔记边学习的学生，也适合在课堂上"
        "讲解的老师。每一个数都来自同一个小巧的 NumPy 引擎 `rnnviz`，它也可以单独在 Jupyter 中使用，"
        "或通过 `python -m rnnviz` 在命令行中运行。",
    "The model": "模型",
    "x_t is the input at step t, h_t the hidden state (h_0 given), ŷ_t the output. f is the hidden activation "
    "(tanh, sigmoid, ReLU or linear) and g the output function (identity, sigmoid or softmax). The loss L is "
    "taken at the last step or summed over all steps. Backpropagation through time runs the chain rule from L "
    "back to h_0:":
        "x_t 是步 t 的输入，h_t 是隐藏状态（h_0 给定），ŷ_t 是输出。f 是隐藏层的激活函数（tanh、sigmoid、ReLU "
        "或 linear），g 是输出函数（identity、sigmoid 或 softmax）。损失 L 取最后一步的损失，或对所有步求和。"
        "随时间反向传播沿链式法则从 L 一直回到 h_0：",
    "The tutorial's two-step example, computed correctly": "原教程的两步示例，正确的计算",
    "Try it: the recurrent weight w_hh (the tutorial's is 1)": "试一试：循环权重 w_hh（原教程取 1）",
    "The numbers and the chart below follow it; the equations above and the errata table further down are for "
    "the tutorial's w_hh = 1.":
        "下面的数和图都会随之变化；上面的方程和再往下的勘误表对应原教程的 w_hh = 1。",
    "The equations above, with the w_hh you set": "上面的方程，代入你设的 w_hh",
    "Forward": "前向传播",
    "Backward (BPTT)": "反向传播（BPTT）",
    "Where the tutorial is wrong": "原教程错在哪里",
    "Explore": "探索",
    "Every hidden-state update of a scenario you set, in numbers.": "你设置的场景中每一次隐藏状态的更新，全部用数字展示。",
    "From L back to h₀, every gradient as a sum over steps, checked by finite differences.":
        "从 L 回到 h₀，每个梯度都写成各时间步之和，并用有限差分验证。",
    "One control from vanishing to exploding, the theory's bound beside the measured gradients, clipping side by "
    "side.":
        "一个控件从梯度消失调到梯度爆炸，理论上界与实测梯度并排对照，裁剪前后并列比较。",
    "The tutorial's model and data, SGD, momentum and Adam done right, with and without clipping.":
        "原教程的模型和数据，正确实现的 SGD、动量和 Adam，裁剪与不裁剪对比。",
    "Gradient descent meets a wall, with and without norm clipping.": "梯度下降撞上一堵墙，按范数裁剪与不裁剪对比。",
    "The real equations, a gated cell step by step, and why the gradient survives.":
        "真正的方程，逐步演示一个门控单元，以及梯度为何得以保留。",
    "Any sizes, every number, the gradient check, JSON in and out.": "任意规模，每一个数，梯度检验，JSON 导入与导出。",
    "In a notebook: `from rnnviz import trace, tutorial_scenario; trace(tutorial_scenario()).grads`. On the "
    "command line: `python -m rnnviz example > s.json && python -m rnnviz trace s.json`.":
        "在笔记本中：`from rnnviz import trace, tutorial_scenario; trace(tutorial_scenario()).grads`。"
        "在命令行中：`python -m rnnviz example > s.json && python -m rnnviz trace s.json`。",

    # the tutorial's reading and errata (rnnviz.tutorial)
    "The tutorial this app grew from (§4.3) contradicts itself: its W_h = [1, 1] cannot multiply [h_t, x_t] "
    "with x_1 = [1, 0], and its W_y = [1, 0] cannot multiply a scalar h_2. What it actually computes is a "
    "**scalar input sequence x = (1, 0)** (the first sample of its own data in §5.2, label y = 0), a scalar "
    "hidden state with h_0 = 0, **w_hh = w_xh = 1**, b_h = 0, f = tanh, and **ŷ = σ(w_hy·h_2 + b_y)** with "
    "w_hy = 1, b_y = 0, binary cross-entropy. That reading is the default scenario on every page.":
        "本应用所依据的原教程（§4.3）自相矛盾：它的 W_h = [1, 1] 无法与 x_1 = [1, 0] 时的 [h_t, x_t] 相乘，"
        "它的 W_y = [1, 0] 也无法与标量 h_2 相乘。它实际计算的是：**标量输入序列 x = (1, 0)**（即 §5.2 中它自己"
        "数据的第一个样本，标签 y = 0），标量隐藏状态，h_0 = 0，**w_hh = w_xh = 1**，b_h = 0，f = tanh，"
        "**ŷ = σ(w_hy·h_2 + b_y)**，其中 w_hy = 1，b_y = 0，损失函数为二元交叉熵。这种理解就是每个页面的默认场景。",
    "tanh(1) = (e − e⁻¹)/(e + e⁻¹) = (e² − 1)/(e² + 1) ≈ 0.7616; the tutorial writes 2/(e² + 1) ≈ 0.2384, "
    "which is 1 − tanh(1).":
        "tanh(1) = (e − e⁻¹)/(e + e⁻¹) = (e² − 1)/(e² + 1) ≈ 0.7616；原教程写的是 2/(e² + 1) ≈ 0.2384，"
        "那是 1 − tanh(1)。",
    "with x_2 = 0, h_2 = tanh(w_hh·h_1) = tanh(0.7616) ≈ 0.6420; the tutorial writes tanh(1) ≈ 0.7616, as if "
    "the pre-activation were 1 again.":
        "由于 x_2 = 0，h_2 = tanh(w_hh·h_1) = tanh(0.7616) ≈ 0.6420；原教程写的是 tanh(1) ≈ 0.7616，"
        "仿佛激活前的值又是 1。",
    "ŷ = σ(w_y·h_2) = σ(0.6420) ≈ 0.6552; the tutorial's σ(0.7616) ≈ 0.6817 carries its wrong h_2 forward "
    "(and its W_y = [1, 0] cannot multiply a scalar h_2).":
        "ŷ = σ(w_y·h_2) = σ(0.6420) ≈ 0.6552；原教程的 σ(0.7616) ≈ 0.6817 沿用了它算错的 h_2"
        "（而且它的 W_y = [1, 0] 无法与标量 h_2 相乘）。",
    "§2.2 and §4.1 index the update as hₜ₊₁ = f(W·[hₜ, xₜ] + b), pairing hₜ with xₜ; §4.3 then pairs hₜ₋₁ "
    "with xₜ. rnnviz writes hₜ = f(W_xh xₜ + W_hh hₜ₋₁ + b_h) throughout.":
        "§2.2 和 §4.1 把更新写成 hₜ₊₁ = f(W·[hₜ, xₜ] + b)，把 hₜ 与 xₜ 配对；§4.3 却把 hₜ₋₁ 与 xₜ 配对。"
        "rnnviz 始终写作 hₜ = f(W_xh xₜ + W_hh hₜ₋₁ + b_h)。",
    "§3.2 says clipping small gradients stops them vanishing. It does not: clipping only ever shrinks a "
    "gradient (Pascanu, Mikolov & Bengio 2013), so a vanished long-range contribution stays vanished (the "
    "Vanishing & exploding page shows it).":
        "§3.2 说裁剪较小的梯度可以防止梯度消失。事实并非如此：梯度裁剪只会缩小梯度（Pascanu、Mikolov 与 Bengio，"
        "2013），已经消失的长程贡献依然消失（“梯度消失与梯度爆炸”页面演示了这一点）。",
    "§3.2's update keeps only Adam's first moment and applies its bias correction without the second moment "
    "(the Training page writes Adam out and says what is missing).":
        "§3.2 的更新只保留了 Adam 的一阶矩，并在没有二阶矩的情况下做了偏差校正"
        "（“训练与优化器”页面完整写出了 Adam，并指出缺了什么）。",
    "§4.4 prints garbled LSTM and GRU equations: its LSTM squashes the cell state through a sigmoid, its GRU "
    "has a cell state and an output gate (the LSTM & GRU page gives PyTorch's equations beside them).":
        "§4.4 给出的 LSTM 和 GRU 方程是错乱的：它的 LSTM 用 sigmoid 压缩细胞状态，它的 GRU 有细胞状态和输出门"
        "（“LSTM 与 GRU”页面把 PyTorch 的方程与之并列给出）。",

    # forward page
    "Forward pass, step by step": "前向传播，逐步演示",
    "Click a step on the timeline under the graph, or its ‹ ›, or ▶ to play: stepping happens in your browser, "
    "with no wait. Change anything in the sidebar and every number follows.":
        "点击图下方时间轴上的某一步，或它的 ‹ ›，或按 ▶ 播放：逐步演示在浏览器中进行，无需等待。修改侧边栏中的任何设置，"
        "每一个数都会随之更新。",
    "Every step as equations": "每一步的方程",
    "Where the tutorial is wrong (its §4.3 example, w_hh = 1)": "原教程错在哪里（它的 §4.3 示例，w_hh = 1）",

    # backward page
    "Backward pass (BPTT), step by step": "反向传播（BPTT），逐步演示",
    "From the loss back to h₀: click a step on the timeline under the graph, or ▶ to play. Edge width and colour "
    "show how much gradient flows back along each edge (log scale; the legend is beside the graph, above it on a phone).":
        "从损失回到 h₀：点击图下方时间轴上的某一步，或按 ▶ 播放。边的粗细和颜色表示沿每条边反向流过的梯度大小"
        "（对数刻度；图例在图的右侧，手机上在图的上方）。",
    "Each gradient is a sum over time steps": "每个梯度都是各时间步之和",
    "The per-step terms as equations": "各时间步的项（方程形式）",
    "Check: analytic gradients against finite differences": "检验：解析梯度与有限差分对比",
    "Central differences in float64 **agree**: relative error ≤ {tol} for every gradient (or an absolute error "
    "under the rounding floor {floor} where a gradient has all but vanished).":
        "float64 下的中心有限差分结果**一致**：每个梯度的相对误差 ≤ {tol}（对几乎消失的梯度，则绝对误差低于"
        "舍入误差下限 {floor}）。",
    "Central differences in float64 **DISAGREE**: the relative error is above {tol} for a gradient (and its "
    "absolute error above the rounding floor {floor}).":
        "float64 下的中心有限差分结果**不一致**：某个梯度的相对误差大于 {tol}（且绝对误差高于舍入误差下限 {floor}）。",
    "The tutorial (§3.2) says clipping small gradients stops them vanishing. It does not: clipping only ever "
    "shrinks a gradient, so a term that has vanished stays vanished. Try the “saturated tanh” preset: ∂L/∂h₀ "
    "is tiny, and no threshold brings it back.":
        "原教程（§3.2）说裁剪较小的梯度可以防止梯度消失。事实并非如此：梯度裁剪只会缩小梯度，已经消失的项依然消失。"
        "试试预设 “saturated tanh”（饱和的 tanh）：∂L/∂h₀ 非常小，任何阈值都无法让它恢复。",
    "See it over long sequences, with and without clipping: Vanishing & exploding gradients":
        "在长序列上观察，裁剪与不裁剪对比：梯度消失与梯度爆炸",

    # trace page
    "The forward pass, backpropagation through time and clipping of any scenario, in the format of "
    "`python -m rnnviz example`. The link keeps what you type.":
        "任意场景的前向传播、随时间反向传播和梯度裁剪，格式与 `python -m rnnviz example` 相同。链接会保存你输入的内容。",
    "Scenario JSON": "场景 JSON",
    "Reset to the tutorial's example": "重置为原教程的例子",
    "the gradient is not finite (its norm is infinite or undefined), so it cannot be rescaled to norm θ; "
    "lower the weights or shorten the sequence":
        "梯度不是有限值（其范数为无穷大或无定义），因此无法缩放到范数 θ；请减小权重或缩短序列",
    "Values left float64's range in the forward pass at step {step} ({quantity}); the tables say “overflow” "
    "from there on.":
        "前向传播在步 {step}（{quantity}）超出了 float64 的范围；表格从那里起显示“溢出”。",
    "Values left float64's range in the backward pass at step {step} ({quantity}); the tables say “overflow” "
    "from there on.":
        "反向传播在步 {step}（{quantity}）超出了 float64 的范围；表格从那里起显示“溢出”。",
    "after norm clipping (θ = {theta})": "按范数裁剪后（θ = {theta}）",
    "after value clipping (θ = {theta})": "按值裁剪后（θ = {theta}）",
    "loss = {loss} at the last step": "损失 = {loss}，取最后一步",
    "loss = {loss} summed over every step": "损失 = {loss}，对每一步求和",
    "loss L": "损失 L",
    "‖∇L‖ (all parameters)": "‖∇L‖（全部参数）",
    "not finite": "非有限值",
    "Gradients": "梯度",
    "Gradient check": "梯度检验",
    "Run the finite-difference check": "运行有限差分检验",
    "Central differences in float64: the check **passes** (relative error ≤ {tol}, or below the rounding floor "
    "{floor}).":
        "float64 下的中心有限差分：检验**通过**（相对误差 ≤ {tol}，或低于舍入误差下限 {floor}）。",
    "Central differences in float64: the check **FAILS** (relative error above {tol}, and above the rounding "
    "floor {floor}).":
        "float64 下的中心有限差分：检验**未通过**（相对误差大于 {tol}，且高于舍入误差下限 {floor}）。",
    "This scenario needs {count} forward passes for the check.": "这个场景的检验需要 {count} 次前向传播。",
    "Showing the last valid scenario.": "显示的是上一个有效的场景。",
    "Changed from the preset “{preset}”: {fields}.": "与预设“{preset}”相比改动了：{fields}。",

    # the scenario editor (rnnviz.ui.scenario)
    "Scenario": "场景",
    "hidden n": "隐藏单元数 n",
    "input m": "输入维数 m",
    "output k": "输出维数 k",
    "steps T": "时间步数 T",
    "activation f": "激活函数 f",
    "loss": "损失",
    "output g": "输出 g",
    "loss at": "损失位置",
    "Matrices: rows separated by ';', numbers by spaces.": "矩阵：行之间用 ';' 分隔，数之间用空格分隔。",
    "inputs x_1 … x_T  (T rows of m)": "输入 x_1 … x_T（T 行，每行 m 个）",
    "targets y  (rows of k)": "目标 y（每行 k 个）",
    "tutorial: the tutorial's two-step example, made consistent. saturated tanh: large weights saturate tanh, "
    "so ∂L/∂h_t dies on the way back. identity linear: f = identity and W_hh = I, the gradient passes back "
    "unchanged. exploding: f = identity and w_hh = 2, the gradient doubles at every step back.":
        "tutorial：原教程的两步示例（修正为自洽的版本）。saturated tanh：较大的权重使 tanh 饱和，∂L/∂h_t "
        "在反向传播途中消失。identity linear：f 为恒等函数且 W_hh = I（单位矩阵），梯度原样传回。"
        "exploding：f 为恒等函数且 w_hh = 2，梯度每向前传回一步就翻倍。",
    "mse: mean squared error. bce: binary cross-entropy (needs output sigmoid). ce: cross-entropy (needs "
    "output softmax).":
        "mse：均方误差。bce：二元交叉熵（输出须为 sigmoid）。ce：交叉熵（输出须为 softmax）。",
    "last: the loss is taken at the last step only. every: a loss at every step, summed.":
        "last：只在最后一步计算损失。every：每一步都计算损失，再求和。",

    # tables and chart summaries (rnnviz.tables)
    "overflow": "溢出",
    "‖·‖ = {norm} ({count} numbers)": "‖·‖ = {norm}（{count} 个数）",
    "parameter": "参数",
    "largest term at t": "最大项所在的步 t",
    "gradient": "梯度",
    "analytic": "解析值",
    "finite differences": "有限差分",
    "relative error": "相对误差",
    "check": "检验",
    "✓ within FD noise": "✓ 在有限差分噪声之内",
    "✓ pass": "✓ 通过",
    "✗ fail": "✗ 未通过",
    "quantity": "量",
    "tutorial says": "原教程的值",
    "correct": "正确值",
    "why": "原因",
    "total": "总和",
    "(unit 1)": "（单元 1）",
    "Bars for t = 0 to {T}: the hidden state h_t is {h}; the gradient reaching it, ∂L/∂h_t, is {dh}.":
        "t = 0 到 {T} 的柱形：隐藏状态 h_t 依次为 {h}；到达它的梯度 ∂L/∂h_t 依次为 {dh}。",
    "The network unrolled over {T} steps: {values}, ŷ{T_sub} = {yhat} and L = {loss}; the timeline under it (or ▶) "
    "steps through the updates.":
        "按 {T} 个时间步展开的网络：{values}，ŷ{T_sub} = {yhat}，L = {loss}；用图下方的时间轴（或 ▶）逐步查看每次更新。",
    "‖gradient‖ back along hₜ → hₜ₋₁": "沿 hₜ → hₜ₋₁ 传回的 ‖梯度‖",
    "‖gradient‖ back along hₜ → xₜ": "沿 hₜ → xₜ 传回的 ‖梯度‖",
    "The gradient flows back from L = {loss} to h₀: {values}.": "梯度从 L = {loss} 反向流回 h₀：{values}。",
    "The gradient flows back from L = {loss} to h₀ ({values}); edge width and colour show the gradient along "
    "each edge, from {low} to {high} on a log scale.":
        "梯度从 L = {loss} 反向流回 h₀（{values}）；边的粗细和颜色表示沿每条边的梯度，按对数刻度从 {low} 到 {high}。",
    "Each bar stacks one parameter element's per-step terms and the diamond marks their sum, the gradient: the "
    "largest is {name} = {total}, and the largest single term is {term_name}'s from {step}, {term}.":
        "每根柱子把一个参数元素在各时间步的项堆叠起来，菱形标出它们的和，即梯度：最大的梯度是 {name} = {total}，"
        "最大的单项是 {term_name} 来自 {step} 的项，为 {term}。",
    "‖term of {name}‖": "‖{name} 的项‖",
    "‖∂L/∂h_t‖ is {end} at the last step (t = {T}) and {start} at t = 0 (log scale).":
        "‖∂L/∂h_t‖ 在最后一步（t = {T}）为 {end}，在 t = 0 为 {start}（对数刻度）。",
    "‖∂L/∂h_t‖ is {end} at the last step (t = {T}) and {start} at t = 0 (log scale), and the largest per-step "
    "term is {name}'s, {value} at t = {t}.":
        "‖∂L/∂h_t‖ 在最后一步（t = {T}）为 {end}，在 t = 0 为 {start}（对数刻度）；最大的单步项属于 {name}，"
        "在 t = {t} 处为 {value}。",

    # charts (rnnviz.charts) and the unrolled graph's frames (rnnviz.steps)
    "‖∂L/∂h_t‖: the gradient reaching each hidden state": "‖∂L/∂h_t‖：到达每个隐藏状态的梯度",
    "‖per-step term‖ of each parameter's gradient": "每个参数梯度的 ‖单步项‖",
    "time step t": "时间步 t",
    "{a} → {b}: gradient flowing back {value}": "{a} → {b}：反向流过的梯度 {value}",
    "‖gradient‖ flowing back": "反向流过的 ‖梯度‖",
    "0: none flows back": "0：没有梯度反向流过",
    "this step's edges": "这一步的边",
    "term from t = {t}": "来自 t = {t} 的项",
    "total (the gradient)": "总和（即梯度）",
    "{h0} = <b>{value}</b> (given)": "{h0} = <b>{value}</b>（给定）",
    "L = {loss} summed over t = <b>{value}</b>": "L = 对 t 求和的 {loss} = <b>{value}</b>",
    "and likewise at t = {steps}, each step's own loss": "t = {steps} 处同理，各用该步自己的损失",

    # validation messages (rnnviz.scenario, rnnviz.matrix_text)
    "missing": "缺失",
    "not valid JSON ({error})": "不是有效的 JSON（{error}）",
    "unknown {value} (choose one of {options})": "未知的 {value}（请从以下选择：{options}）",
    "not a number": "不是数字",
    "not a number ({value})": "不是数字（{value}）",
    "{value} is outside ±{limit}": "{value} 超出 ±{limit}",
    "NaN is not allowed": "不允许 NaN",
    "infinity is not allowed": "不允许无穷大",
    "expected a list of numbers": "应为数字列表",
    "expected {length} numbers, got {count}": "应为 {length} 个数，实际为 {count} 个",
    "expected a list of rows (a list of lists of numbers)": "应为若干行组成的列表（数字列表的列表）",
    "ragged rows (lengths {lengths})": "各行长度不一（长度为 {lengths}）",
    "expected {want}, got {got}": "应为 {want}，实际为 {got}",
    "empty ({shape})": "为空（{shape}）",
    "{name} = {value} exceeds the limit {limit}": "{name} = {value} 超过上限 {limit}",
    "expected a JSON object, got {kind}": "应为 JSON 对象，实际为 {kind}",
    "unknown field (known: {known})": "未知字段（已知字段：{known}）",
    "{loss} needs output {needs}, got {output}": "{loss} 需要输出 {needs}，实际为 {output}",
    "expected an object of named weights": "应为一个由命名权重组成的对象",
    "unknown weight for cell {cell} (known: {known})": "单元 {cell} 没有这个权重（已知权重：{known}）",
    "{rows} rows is not {G}·n ({cell}: one block of n rows per gate, {gates})":
        "{rows} 行不是 {G}·n（{cell}：每个门一块 n 行，依次为 {gates}）",
    "only the LSTM has a cell state (this is {cell})": "只有 LSTM 有细胞状态（这是 {cell}）",
    "bce needs targets in [0, 1]": "bce 要求目标在 [0, 1] 之内",
    "ce needs targets ≥ 0 (a probability for each class)": "ce 要求目标 ≥ 0（每个类别一个概率）",
    "ce needs each target row to sum to 1, got {sum}": "ce 要求每行目标之和为 1，实际为 {sum}",
    "expected null or an object with mode and threshold": "应为 null，或包含 mode 和 threshold 的对象",
    "must be > 0, got {value}": "必须 > 0，实际为 {value}",
    "empty: type numbers, rows separated by ';'": "为空：请输入数字，行之间用 ';' 分隔",
    "row {i} is empty": "第 {i} 行为空",
    "row {i}, column {j}: {text} is not a number": "第 {i} 行第 {j} 列：{text} 不是数字",
    "row {i}, column {j}: {text} is not a finite number": "第 {i} 行第 {j} 列：{text} 不是有限的数",
    "rows have different lengths ({lengths})": "各行长度不同（{lengths}）",
    # what json.loads says (rnnviz.scenario)
    "Expecting value": "此处应为一个值",
    "Expecting property name enclosed in double quotes": "此处应为用双引号括起的属性名",
    "Expecting ':' delimiter": "此处应为 ':' 分隔符",
    "Expecting ',' delimiter": "此处应为 ',' 分隔符",
    "Unterminated string starting at": "字符串没有结束，它开始于",
    "Invalid control character at": "无效的控制字符，位于",
    "Invalid \\escape": "无效的 \\ 转义",
    "Invalid \\uXXXX escape": "无效的 \\uXXXX 转义",
    "Extra data": "多余的数据",
    "Illegal trailing comma before end of object": "对象结尾前有多余的逗号",
    "Illegal trailing comma before end of array": "数组结尾前有多余的逗号",
    "{problem}: line {line} column {column} (char {char})": "{problem}：第 {line} 行第 {column} 列（字符 {char}）",
    "nested too deeply": "嵌套层数过深",
}
