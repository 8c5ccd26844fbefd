"""简体中文 for flow: English -> Chinese (see rnnviz/zh/__init__.py).

The vanishing/exploding lab (pages/vanishing.py, rnnviz.flow_text, rnnviz.charts_flow, rnnviz.ui.flow)
and the LSTM & GRU page (pages/gates.py, rnnviz.gates_text, rnnviz.cell_flow)."""

ZH = {
    # --- the vanishing/exploding lab: page (pages/vanishing.py) ---
    "Vanishing and exploding gradients": "梯度消失与梯度爆炸",
    "The same gradient, without and with clipping": "同一个梯度：不裁剪与裁剪",
    "Sweep: every λ₁ at once": "扫描：一次看遍所有 λ₁",
    # sidebar (rnnviz.ui.flow.lab_controls)
    "Network": "网络",
    "steps T": "时间步数 T",
    "Length of the sequence; the loss is at the last step.": "序列长度；损失只在最后一步计算。",
    "hidden n": "隐藏单元数 n",
    "activation f": "激活函数 f",
    "recurrent matrix W_hh": "循环权重矩阵 W_hh",
    "λ₁ times: the identity, a random orthogonal matrix, or a random Gaussian matrix rescaled so that its "
    "largest singular value is 1.":
        "λ₁ 乘以：单位矩阵（identity）、随机正交矩阵（orthogonal），或经过缩放、最大奇异值为 1 的随机高斯矩阵（gaussian）。",
    "λ₁, the largest singular value of W_hh": "λ₁：W_hh 的最大奇异值",
    "inputs x_t": "输入 x_t",
    "random: Gaussian noise; constant: 1 at every step; zeros: no input at all.":
        "random：高斯噪声；constant：每一步都是 1；zeros：完全没有输入。",
    "seed": "随机种子",
    "input-weight scale": "输入权重的尺度",
    "Gradient clipping": "梯度裁剪",
    "clip": "裁剪方式",
    "none: no clipping; norm: rescale the whole gradient to norm θ when it is longer; value: cut every element "
    "to [−θ, θ].":
        "none：不裁剪；norm：按范数裁剪，梯度范数超过 θ 时把整个梯度缩放到范数 θ；value：按值裁剪，把每个元素截断到 [−θ, θ]。",
    "threshold θ": "阈值 θ",
    # text (rnnviz.flow_text)
    "A sequence of T steps, the loss at the last one only: every gradient reaching an early step h_k "
    "has to travel back through all the steps in between, through W_hh and f′ at each. Pascanu, "
    "Mikolov & Bengio (2013) bound how much of it can arrive. Move **λ₁** in the sidebar: below 1/γ "
    "the gradient from far back must vanish; above, it may explode.":
        "一个 T 步的序列，损失只在最后一步：到达较早一步 h_k 的每一个梯度，都必须沿着中间的所有时间步反向传回，"
        "每一步都要经过 W_hh 和 f′。Pascanu、Mikolov 与 Bengio（2013）给出了能传回多少的上界。"
        "在侧栏中移动 **λ₁**：低于 1/γ 时，来自远处的梯度必然消失；高于 1/γ 时，梯度可能爆炸。",
    "Clipping bounds the step; it does not bring back what vanished. Norm clipping multiplies the whole "
    "gradient by one factor ≤ 1, so every step's term shrinks alike and the far-back terms keep their tiny "
    "share; value clipping only cuts large elements. The tutorial (§3.2) says clipping also stops gradients "
    "vanishing: it cannot, since clipping never makes anything larger. Vanishing needs another cure: "
    "λ₁γ near 1 (orthogonal initialisation), or gated cells (LSTM, GRU).":
        "梯度裁剪限制的是更新步长，它找不回已经消失的梯度。按范数裁剪把整个梯度乘以同一个 ≤ 1 的因子，"
        "所以每一步的项同比例缩小，远处的项依旧只占微小的份额；按值裁剪只截断较大的元素。"
        "原教程（§3.2）说裁剪也能防止梯度消失：这是做不到的，因为裁剪从不会让任何数变大。"
        "梯度消失需要别的办法：让 λ₁γ 接近 1（正交初始化），或者使用门控单元（LSTM、GRU）。",
    "The hidden state h left float64's range (about 1.8·10³⁰⁸) in the forward pass at step {step}.":
        "隐藏状态 h 在前向传播的第 {step} 步超出了 float64 的范围（约 1.8·10³⁰⁸）。",
    "The output o left float64's range (about 1.8·10³⁰⁸) in the forward pass at step {step}.":
        "输出 o 在前向传播的第 {step} 步超出了 float64 的范围（约 1.8·10³⁰⁸）。",
    "The loss left float64's range (about 1.8·10³⁰⁸) in the forward pass at step {step}.":
        "损失在前向传播的第 {step} 步超出了 float64 的范围（约 1.8·10³⁰⁸）。",
    "The gradient ∂L/∂ŷ left float64's range (about 1.8·10³⁰⁸) in the backward pass at step {step}.":
        "梯度 ∂L/∂ŷ 在反向传播的第 {step} 步超出了 float64 的范围（约 1.8·10³⁰⁸）。",
    "The gradient ∂L/∂h left float64's range (about 1.8·10³⁰⁸) in the backward pass at step {step}.":
        "梯度 ∂L/∂h 在反向传播的第 {step} 步超出了 float64 的范围（约 1.8·10³⁰⁸）。",
    "Vanishing guaranteed ({rate} < 1)": "必然梯度消失（{rate} < 1）",
    "Explosion possible ({rate} > 1)": "可能梯度爆炸（{rate} > 1）",
    "On the edge ({rate}): the bound guarantees neither": "临界状态（{rate}）：上界对两者都不作保证",
    "∞ (overflow)": "∞（溢出）",
    "Largest singular value of the recurrent matrix, measured.": "循环权重矩阵的最大奇异值（实测）。",
    "1 for tanh, ReLU and linear; 1/4 for sigmoid.": "tanh、ReLU 和 linear 为 1；sigmoid 为 1/4。",
    "bound at lag T = {T}": "滞后 T = {T} 处的上界",
    "(λ₁γ)^T: the most of ‖∂h_T/∂h_0‖ the theory allows.": "(λ₁γ)^T：理论允许的 ‖∂h_T/∂h_0‖ 的最大值。",
    "How much of the gradient at the last step reaches h₀.": "最后一步的梯度有多少传到了 h₀。",
    "Going back, ∂L/∂h_k is beyond float64 from k = {k} (lag {lag}) on.":
        "反向传回时，从 k = {k}（滞后 {lag}）起，∂L/∂h_k 超出了 float64 的范围。",
    "‖∂h_T/∂h_k‖ is beyond float64 for k ≤ {k} (lag ≥ {lag}); the charts draw what is finite.":
        "k ≤ {k}（滞后 ≥ {lag}）时 ‖∂h_T/∂h_k‖ 超出了 float64 的范围；图中只画出有限的值。",
    "A gradient of infinite (or undefined) norm cannot be rescaled to norm θ: "
    "θ/‖g‖ is 0 and 0·∞ is undefined, so clipping by norm has nothing to work with. "
    "Clipping must happen before the numbers overflow, which is why frameworks clip "
    "every step, long before a run reaches this.":
        "范数为无穷大（或未定义）的梯度无法缩放到范数 θ：θ/‖g‖ 为 0，而 0·∞ 没有定义，按范数裁剪无从下手。"
        "裁剪必须在数值溢出之前进行，这正是各个框架在每一步都裁剪的原因——远在训练走到这一步之前。",
    "Left: solid lines are measured, dashed and dotted their bounds, (λ₁γ)^(T−k) = {rate}^(T−k). "
    "The measured norms never exceed them; they fall below wherever f′ < γ (a saturated tanh unit, "
    "sigmoid away from 0) or where the steps' matrices do not line up. Right: each step's term "
    "{term} in ∂L/∂W_hh; the far-back ones are the long-range dependencies a network "
    "must learn from.":
        "左图：实线是实测值，虚线和点线是它们的上界 (λ₁γ)^(T−k) = {rate}^(T−k)。实测的范数从不超过上界；"
        "在 f′ < γ 的地方（饱和的 tanh 单元，远离 0 的 sigmoid），或各步的矩阵方向不一致时，实测值低于上界。"
        "右图：∂L/∂W_hh 中每一步的项 {term}；远处的那些项，正是网络需要从中学习的长程依赖。",
    "Over {T} steps back, ‖∂h_T/∂h_0‖ is {jacobian} against the bound {bound}, ‖∂L/∂h₀‖ is {ratio} times "
    "‖∂L/∂h_T‖, and the largest term in ∂L/∂W_hh is at step t = {largest} (the steps t ≤ {half} give {share} "
    "of them).":
        "反向传回 {T} 步后，‖∂h_T/∂h_0‖ 为 {jacobian}，上界为 {bound}；‖∂L/∂h₀‖ 是 ‖∂L/∂h_T‖ 的 {ratio} 倍；"
        "∂L/∂W_hh 中最大的项在第 t = {largest} 步（t ≤ {half} 的各步合计占 {share}）。",
    "Over {T} steps back, ‖∂h_T/∂h_0‖ is {jacobian} against the bound {bound}, and ‖∂L/∂h₀‖ is "
    "{ratio} times ‖∂L/∂h_T‖.":
        "反向传回 {T} 步后，‖∂h_T/∂h_0‖ 为 {jacobian}，上界为 {bound}；‖∂L/∂h₀‖ 是 ‖∂L/∂h_T‖ 的 {ratio} 倍。",
    "Without clipping": "不裁剪",
    "‖∇L‖ (all parameters)": "‖∇L‖（全部参数）",
    "share of ∂L/∂W_hh's terms from t ≤ {t}": "∂L/∂W_hh 中来自 t ≤ {t} 的项所占份额",
    "With clipping: none chosen": "裁剪：未选择",
    "choose norm or value in the sidebar": "请在侧栏中选择 norm 或 value",
    "With norm clipping, θ = {theta}": "按范数裁剪，θ = {theta}",
    "With value clipping, θ = {theta}": "按值裁剪，θ = {theta}",
    "‖∇L‖ after clipping": "裁剪后的 ‖∇L‖",
    "cannot clip": "无法裁剪",
    "why": "原因",
    "the norm is ∞": "范数为 ∞",
    "scale factor applied": "所乘的缩放因子",
    "{scale} (not needed)": "{scale}（无需裁剪）",
    "elements cut": "被截断的元素",
    "some": "有",
    "none": "无",
    "cosine(clipped, unclipped)": "余弦（裁剪后，裁剪前）",
    "Each row is this network with W_hh rescaled to another λ₁ (same matrix direction, inputs and "
    "seed); colour is log₁₀ of {ratio} at lag T − k, blue shrinking, red growing (the scale "
    "spans what the rows from λ₁ = 1/(2γ) up reach; darkest blue is that much or more, or exactly 0). "
    "The green line is the λ₁ you set. Below the dashed line λ₁ = 1/γ = {critical} every row turns "
    "blue with lag, as the bound guarantees; above it, growth is possible but saturation (tanh, "
    "sigmoid) can still stop it.":
        "每一行都是这个网络，只是 W_hh 被缩放到另一个 λ₁（矩阵方向、输入和随机种子都相同）；颜色表示滞后 T − k 处 {ratio} 的 log₁₀，"
        "蓝色为缩小，红色为增长（色标覆盖 λ₁ = 1/(2γ) 及以上各行所达到的范围；最深的蓝色表示达到或超过该值，或恰好为 0）。"
        "绿线是你设置的 λ₁。在虚线 λ₁ = 1/γ = {critical} 以下，每一行都随滞后变蓝，正如上界所保证的；"
        "在虚线以上，梯度可能增长，但饱和（tanh、sigmoid）仍可能阻止它。",
    "At lag {T}, the ratio ‖∂L/∂h₀‖ / ‖∂L/∂h_T‖ is at most {most_below} in the {below} rows with λ₁ "
    "below 1/γ = {critical}, at most {most_above} in the {above} rows from there up to λ₁ = {top}, "
    "and {ratio} at the λ₁ = {current} you set.":
        "在滞后 {T} 处，比值 ‖∂L/∂h₀‖ / ‖∂L/∂h_T‖ 在 λ₁ 低于 1/γ = {critical} 的 {below} 行中至多为 {most_below}，"
        "在从该值到 λ₁ = {top} 的 {above} 行中至多为 {most_above}；在你设置的 λ₁ = {current} 处为 {ratio}。",
    "log₁₀ ratio at lag {lag}": "滞后 {lag} 处比值的 log₁₀",
    "lag T−k": "滞后 T−k",
    "bound (λ₁γ)^(T−k)": "上界 (λ₁γ)^(T−k)",
    "its bound ‖∂L/∂h_T‖·(λ₁γ)^(T−k)": "其上界 ‖∂L/∂h_T‖·(λ₁γ)^(T−k)",
    "term t=k in ∂L/∂W_hh": "∂L/∂W_hh 中 t=k 的项",
    "term t=k after norm clipping": "按范数裁剪后 t=k 的项",
    # charts (rnnviz.charts_flow)
    "bound ({rate})ᵀ⁻ᵏ": "上界 ({rate})ᵀ⁻ᵏ",
    "lag {lag}": "滞后 {lag}",
    "term, unclipped": "项（未裁剪）",
    "after norm clipping (×{scale})": "按范数裁剪后（×{scale}）",
    "How much gradient reaches step k (log scale)": "有多少梯度传到第 k 步（对数刻度）",
    "Step t's term in ∂L/∂W_hh (log scale)": "∂L/∂W_hh 中第 t 步的项（对数刻度）",
    "Every term is not finite: the pass overflowed": "所有项都不是有限值：计算过程溢出了",
    "Every term is 0: h stays at 0": "所有项都为 0：h 始终为 0",
    "step k (h_T is on the right)": "步 k（h_T 在最右侧）",
    "step t": "步 t",
    "log₁₀ ratio": "比值的 log₁₀",
    "now: λ₁ = {value}": "当前：λ₁ = {value}",
    "lag T − k (steps back from the loss)": "滞后 T − k（从损失往回数的步数）",
    "largest singular value λ₁ of W_hh": "W_hh 的最大奇异值 λ₁",
    "gradient norm": "梯度范数",

    # --- the LSTM & GRU page (pages/gates.py) ---
    "LSTM and GRU: how gates keep gradients alive": "LSTM 与 GRU：门如何让梯度存活",
    "**LSTM**, gates i, f, g, o, as `torch.nn.LSTM` computes it (weights `W_ih`, `W_hh`, `b_ih`, `b_hh` "
    "stack the four gates' blocks in that order):":
        "**LSTM**，门 i、f、g、o，与 `torch.nn.LSTM` 的计算方式相同（权重 `W_ih`、`W_hh`、`b_ih`、`b_hh` "
        "按此顺序堆叠四个门的分块）：",
    "**GRU**, gates r, z, n, as `torch.nn.GRU` computes it:": "**GRU**，门 r、z、n，与 `torch.nn.GRU` 的计算方式相同：",
    "Where the tutorial is wrong (§4.4)": "原教程的错误之处（§4.4）",
    "One {cell} cell, step {t} of 3, with its numbers": "一个 {cell} 单元，第 {t} 步（共 3 步），附具体数值",
    "Two units, one input, three steps, weights drawn as PyTorch draws them (seed 1), the gate bias from the "
    "sidebar; the loss is (ŷ₃ − 1)². Forward:":
        "两个单元，一个输入，三步；权重按 PyTorch 的方式随机抽取（随机种子 1），门偏置取自侧栏；损失为 (ŷ₃ − 1)²。前向传播：",
    "Backward, at the same step:": "反向传播，同一步：",
    "The gradient from the last step, reaching back": "来自最后一步的梯度，向前传回",
    # sidebar (rnnviz.ui.flow.gates_controls)
    "The cell": "单元",
    "cell": "单元类型",
    "gate bias (LSTM f, GRU z)": "门偏置（LSTM 的 f，GRU 的 z）",
    "Added to the bias of the gate that carries the state over: the LSTM's forget gate, the GRU's "
    "update gate. σ(3) ≈ 0.95.":
        "加到负责把状态传下去的那个门的偏置上：LSTM 的遗忘门，GRU 的更新门。σ(3) ≈ 0.95。",
    "Three cells compared": "三种单元的比较",
    "units n": "单元数 n",
    # text (rnnviz.gates_text, rnnviz.cell_flow)
    "vanilla RNN (tanh)": "普通 RNN（tanh）",
    "The tutorial's LSTM (§4.4.1) squashes the new cell state through a sigmoid and multiplies the forget gate "
    "in twice; the gates are never computed from x_t and h_{t−1}; and there is no h_t = o ⊙ tanh(c_t). "
    "The cell state must be a plain sum, f ⊙ c_{t−1} + i ⊙ g: that sum is what lets the gradient through.":
        "原教程的 LSTM（§4.4.1）把新的细胞状态再压进一个 sigmoid，并且把遗忘门乘了两次；各个门从未由 x_t 和 h_{t−1} 计算得到；"
        "也没有 h_t = o ⊙ tanh(c_t)。细胞状态必须是一个简单的和 f ⊙ c_{t−1} + i ⊙ g：正是这个和让梯度得以通过。",
    "The tutorial's GRU (§4.4.2) has a cell state C and an output gate o, which a GRU does not have (that is "
    "the point of it: one state h, two gates r and z), and no reset gate; and the two terms are not the convex "
    "mix (1 − z) ⊙ n + z ⊙ h_{t−1} that carries h_{t−1} over.":
        "原教程的 GRU（§4.4.2）有细胞状态 C 和输出门 o，而 GRU 并没有这些（这正是 GRU 的要点：一个状态 h，两个门 r 和 z），"
        "却没有重置门；而且两项也不是把 h_{t−1} 传下去的凸组合 (1 − z) ⊙ n + z ⊙ h_{t−1}。",
    "Why gates keep the gradient alive: in the LSTM, ∂c_t/∂c_{t−1} = diag(f_t) through the sum, with no weight "
    "matrix and no squashing in between. With f ≈ 1 (a forget-gate bias of 1 to 3) the gradient on the cell state "
    "passes back almost unchanged for many steps. In the GRU the update gate z plays that part: h_t = (1 − z) ⊙ n "
    "+ z ⊙ h_{t−1}, so ∂h_t/∂h_{t−1} contains diag(z_t). The vanilla RNN has only W_hh and tanh′ ≤ 1 at every step.":
        "为什么门能让梯度存活：在 LSTM 中，经过那个和，∂c_t/∂c_{t−1} = diag(f_t)，中间既没有权重矩阵，也没有压缩函数。"
        "当 f ≈ 1（遗忘门偏置取 1 到 3）时，细胞状态上的梯度可以几乎不变地传回许多步。在 GRU 中，更新门 z 起同样的作用："
        "h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}，所以 ∂h_t/∂h_{t−1} 含有 diag(z_t)。普通 RNN 每一步只有 W_hh 和 tanh′ ≤ 1。",
    "through": "经由",
    "{cell} {norm} at lag {lag}": "{cell} 滞后 {lag} 处的 {norm}",
    "Over {T} steps, the gradient from the last step at lag {lag}: {values}.":
        "共 {T} 步，来自最后一步的梯度在滞后 {lag} 处：{values}。",
    "The LSTM's cell state keeps {ratio} times the vanilla RNN's gradient there.":
        "在该处，LSTM 细胞状态上的梯度是普通 RNN 的 {ratio} 倍。",
    "lag T − k": "滞后 T − k",
}
