"""简体中文 for training: English -> Chinese (see rnnviz/zh/__init__.py).

The training page (pages/training.py, rnnviz.training_text, rnnviz.charts_training, rnnviz.ui.training,
rnnviz.training) and the exploding-gradient cliff page (pages/cliff.py)."""

ZH = {
    # --- the training page (pages/training.py) ---
    "Training: optimizers, clipping and the data's floor": "训练：优化器、梯度裁剪与数据的损失下限",
    "Two runs from the same seed, the same data and the same initial weights: without clipping "
    "(vermillion) and with it (blue). Every setting is in the sidebar and in the link.":
        "两次训练使用相同的随机种子、相同的数据和相同的初始权重：一次不裁剪（朱红色），一次裁剪（蓝色）。"
        "所有设置都在侧栏中，也都保存在链接里。",
    "These sizes allow {epochs} of the {asked} epochs on this shared server (at most {budget} recurrent "
    "steps × layers × updates a run, about 5 s): shorten T, use fewer layers or larger batches for more.":
        "按这些规模，这台共享服务器只允许训练 {asked} 轮中的 {epochs} 轮（每次训练至多 {budget} 个"
        "“循环时间步 × 层 × 更新”，约 5 秒）：缩短 T、减少层数或增大批大小，就能训练更多轮。",
    "Training… epoch {epoch} of {total}": "训练中……第 {epoch} 轮，共 {total} 轮",
    "Stopped: the vermillion run after epoch {plain}, the blue one after epoch {clipped} of {epochs}. "
    "Change any setting to train again.":
        "已停止：朱红色那次停在第 {plain} 轮之后，蓝色那次停在第 {clipped} 轮之后（共 {epochs} 轮）。"
        "修改任一设置即可重新训练。",
    "final loss, {run}": "最终损失（{run}）",
    "accuracy, {run}": "准确率（{run}）",
    "The two runs coincide: no update's gradient norm exceeded θ = {theta}, so clipping never acted. "
    "Lower θ, raise the learning rate, or lengthen T to see them part.":
        "两次训练完全重合：没有任何一次更新的梯度范数超过 θ = {theta}，所以裁剪从未起作用。"
        "降低 θ、提高学习率或加长 T，就能看到两者分开。",
    "The update: {optimizer}": "更新公式：{optimizer}",
    "What is wrong in the tutorial's optimizer (§3.2)": "原教程的优化器错在哪里（§3.2）",
    "Stop training": "停止训练",
    # the runs' names (rnnviz.training_text.run_label)
    "without clipping": "不裁剪",
    "with norm clipping, θ = {theta}": "按范数裁剪，θ = {theta}",
    "with value clipping, θ = {theta}": "按值裁剪，θ = {theta}",
    # why a run stopped (rnnviz.training)
    "the gradient was not finite at epoch {epoch}: the weights left float64's range":
        "第 {epoch} 轮的梯度不是有限值：权重超出了 float64 的范围",
    "the loss was not finite after epoch {epoch}": "第 {epoch} 轮之后损失不是有限值",
    # sidebar (rnnviz.ui.training.training_controls)
    "Data and model": "数据与模型",
    "task": "任务",
    "tutorial: its five sequences (§5.2). first_bit: remember bit 1 for T steps. adding: sum the two "
    "marked numbers.":
        "tutorial：原教程的五个序列（§5.2）。first_bit：把第 1 个比特记住 T 步。adding：把两个被标记的数相加。",
    "sequence length T": "序列长度 T",
    "layers": "层数",
    "units per layer": "每层单元数",
    "activation f": "激活函数 f",
    "initialisation": "初始化",
    "keras: glorot-uniform inputs, orthogonal recurrent, zero biases (Keras's defaults). small: N(0, 0.1²).":
        "keras：输入权重用 Glorot 均匀分布，循环权重用正交矩阵，偏置为零（Keras 的默认值）。small：N(0, 0.1²)。",
    "Optimizer": "优化器",
    "optimizer": "优化器",
    "sgd: plain gradient descent. momentum: with momentum μ = 0.9. adam: Adam (Kingma & Ba 2015).":
        "sgd：普通梯度下降。momentum：带动量 μ = 0.9 的梯度下降。adam：Adam（Kingma & Ba 2015）。",
    "learning rate": "学习率",
    "epochs": "轮数",
    "batch size": "批大小",
    "seed": "随机种子",
    "Clipping (the blue run)": "梯度裁剪（蓝色那次）",
    "clip by": "裁剪方式",
    "norm: rescale the whole gradient when its norm exceeds θ. value: clip every component to [−θ, θ].":
        "norm：按范数裁剪，梯度范数超过 θ 时缩放整个梯度。value：按值裁剪，把每个分量截断到 [−θ, θ]。",
    "threshold θ": "阈值 θ",
    # text (rnnviz.training_text)
    "tutorial §3.2:": "原教程 §3.2：",
    "The tutorial's pseudocode (§3.2) calls this Adam, but it keeps only the first moment m: without the "
    "second moment v there is no per-parameter step size, so it is momentum with a bias correction. It also "
    "moves b by the raw gradient while W gets the averaged one, and its t is never defined (inside the loop "
    "over examples, t is the time step of the previous loop). Above is Adam as Kingma & Ba (2015) define it "
    "(β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁷ as in Keras), as rnnviz computes it.":
        "原教程的伪代码（§3.2）把这称为 Adam，但它只保留了一阶矩 m：没有二阶矩 v，就没有按参数调整的步长，"
        "所以它其实是带偏差修正的动量法。它还用原始梯度更新 b，而 W 用的是平均后的梯度；它的 t 也从未定义"
        "（在遍历样本的循环里，t 是上一个循环留下的时间步）。上面是 Kingma & Ba（2015）定义的 Adam"
        "（β₁ = 0.9，β₂ = 0.999，ε = 10⁻⁷，与 Keras 相同），也是 rnnviz 的计算方式。",
    "**Why no model beats 80 %.** The tutorial's data has [1, 0] twice, once labelled 0 and once 1. Whatever a "
    "model predicts for [1, 0], one of the two is wrong, so accuracy is at most 4/5. The best it can do there is "
    "predict ½ for both, costing ln 2 each; the other three can cost nothing. So the mean binary cross-entropy "
    "over the five is at least 2 ln 2 / 5 ≈ {floor} (the dashed line): any run that reaches it "
    "has learned all there is to learn.":
        "**为什么没有模型能超过 80 %。** 原教程的数据中 [1, 0] 出现了两次，一次标签为 0，一次为 1。"
        "无论模型对 [1, 0] 预测什么，两者中总有一个是错的，所以准确率至多为 4/5。在这里它能做到的最好结果是"
        "两次都预测 ½，每次损失 ln 2；其余三个样本的损失可以为零。因此五个样本的平均二元交叉熵至少为 "
        "2 ln 2 / 5 ≈ {floor}（虚线）：任何达到这条线的训练，都已经学到了能学的一切。",
    "**The tutorial's own model (one unit per layer) stalls.** From Keras's initialisation, Adam settles at "
    "loss ≈ {loss}: the model reads only the first input, giving all three sequences that start with 1 "
    "the probability 2/3 (three of them, two labelled 1). That is still 80 % accurate, but 1.38 × the floor. "
    "With two units per layer the same data and optimizer reach the floor.":
        "**原教程自己的模型（每层一个单元）会停滞。** 从 Keras 的初始化出发，Adam 停在损失 ≈ {loss}："
        "模型只读取第一个输入，给以 1 开头的三个序列都预测概率 2/3（这三个序列中有两个标签为 1）。"
        "准确率仍有 80 %，但损失是下限的 1.38 倍。每层两个单元时，同样的数据和优化器就能达到下限。",
    "**Memory tasks.** The answer depends on the first step(s), so the gradient that teaches it must travel back "
    "through all T steps. Lengthen T: runs wait longer on the no-memory line before they learn, and past some "
    "length (it depends on the seed, the units and the activation) they never leave it, because the gradient "
    "from the answer has vanished by the time it reaches step 1. Clipping (blue) cannot bring that gradient back; "
    "with a small θ it shortens every step and slows learning too. It helps where the norm spikes.":
        "**记忆任务。** 答案取决于最开始的一步（或几步），所以教会模型的梯度必须反向穿过全部 T 个时间步。"
        "加长 T：训练会在“无记忆”线上停留更久才开始学习；超过某个长度（取决于随机种子、单元数和激活函数）后，"
        "它们再也离不开这条线，因为来自答案的梯度传到第 1 步时已经消失了。裁剪（蓝色）无法找回这个梯度；"
        "θ 较小时，它会缩短每一步，也会拖慢学习。它只在范数突然飙升的地方有用。",
    "One unit and no input: {model}, x_0 = 0.5, T = 50, loss E = (σ(x_50) − 0.7)² (Pascanu, "
    "Mikolov & Bengio 2013, Fig. 6). Over most of the plane E is flat, but along a curve the unit's long-run "
    "state jumps from one attractor to another and E drops off a wall: there the gradient is hundreds of times "
    "larger than elsewhere (|∂E/∂w| > 100 at w ≈ 4.819 on b = −2.5, against a median ‖∇E‖ ≈ 0.02). A plain "
    "gradient step that lands on the wall is thrown far away; norm clipping shortens exactly those steps.":
        "一个单元，没有输入：{model}，x_0 = 0.5，T = 50，损失 E = (σ(x_50) − 0.7)²（Pascanu、Mikolov 与 "
        "Bengio 2013，图 6）。在平面的大部分区域 E 都很平坦，但沿着一条曲线，单元的长期状态会从一个吸引子"
        "跳到另一个吸引子，E 像从墙上跌落一样骤降：那里的梯度比别处大几百倍（在 b = −2.5 上、w ≈ 4.819 处 "
        "|∂E/∂w| > 100，而 ‖∇E‖ 的中位数约为 0.02）。一次普通的梯度步如果落在墙上，就会被远远甩开；"
        "按范数裁剪恰好缩短的就是这些步。",
    "Why the wall: with w = 5 the map x ↦ 5σ(x) + b has two attractors for b in about (−2.656, −2.344) (shaded). "
    "Crossing the interval's edge removes one attractor, and the state x_50 (and with it E) jumps.":
        "墙从何而来：w = 5 时，映射 x ↦ 5σ(x) + b 在 b 约处于 (−2.656, −2.344)（阴影部分）时有两个吸引子。"
        "越过这个区间的边界，其中一个吸引子就消失了，状态 x_50（连同 E）随之跳变。",
    "not finite": "非有限值",
    # chart summaries and tables (rnnviz.training_text)
    "{run}: not trained yet.": "{run}：尚未训练。",
    "{run}: loss {start} at epoch 0, {end} at epoch {epoch}, accuracy {accuracy}; largest gradient norm {norm}.":
        "{run}：损失在第 0 轮为 {start}，第 {epoch} 轮为 {end}，准确率 {accuracy}；最大梯度范数 {norm}。",
    "{run}: loss {start} at epoch 0, {end} at epoch {epoch}; largest gradient norm {norm}.":
        "{run}：损失在第 0 轮为 {start}，第 {epoch} 轮为 {end}；最大梯度范数 {norm}。",
    "The dashed line is the data's floor, {floor}.": "虚线是数据的损失下限 {floor}。",
    "The dotted line is what a model without memory scores, {baseline}.": "点线是没有记忆的模型能得到的损失 {baseline}。",
    "Clipping shortened {count} of {updates} updates (θ = {theta}, dashed).":
        "裁剪缩短了 {updates} 次更新中的 {count} 次（θ = {theta}，虚线）。",
    "epoch": "轮",
    "loss, {run}": "损失（{run}）",
    "largest ‖∇L‖ of the epoch's updates, {run}": "本轮各次更新中最大的 ‖∇L‖（{run}）",
    "The loss surface log₁₀ E over w from {w_low} to {w_high} and b from {b_low} to {b_high} (E from {E_low} "
    "to {E_high}), with both descents starting at w = {w0}, b = {b0}.":
        "损失曲面 log₁₀ E，w 从 {w_low} 到 {w_high}，b 从 {b_low} 到 {b_high}（E 从 {E_low} 到 {E_high}）；"
        "两次梯度下降都从 w = {w0}，b = {b0} 出发。",
    "{run}: ends at w = {w}, b = {b}, E = {E}.": "{run}：终点 w = {w}，b = {b}，E = {E}。",
    "{run}: ends at w = {w}, b = {b}, E = {E}; it leaves the plotted square at step {step} and is drawn up "
    "to there.":
        "{run}：终点 w = {w}，b = {b}，E = {E}；它在第 {step} 步离开了绘图区域，图中只画到那里。",
    "step": "步",
    "w, {run}": "w 值（{run}）",
    "b, {run}": "b 值（{run}）",
    "{run}: E {start} at step 0, {end} at step {steps}; the gradient norm before clipping peaks at {norm} at "
    "step {step}.":
        "{run}：E 在第 0 步为 {start}，第 {steps} 步为 {end}；裁剪前的梯度范数在第 {step} 步达到峰值 {norm}。",
    "Norm clipping shortened {count} of {steps} steps (θ = {theta}, dashed).":
        "按范数裁剪缩短了 {steps} 步中的 {count} 步（θ = {theta}，虚线）。",
    "E, {run}": "E 值（{run}）",
    "‖∇E‖ before clipping, {run}": "裁剪前的 ‖∇E‖（{run}）",
    "Fixed points x* of x ↦ 5σ(x) + b for b from {low} to {high}: one attractor outside ({left}, {right}), and "
    "inside that interval (shaded) two attractors with a repeller between them.":
        "b 从 {low} 到 {high} 时 x ↦ 5σ(x) + b 的不动点 x*：在 ({left}, {right}) 之外只有一个吸引子；"
        "在这个区间内（阴影部分）有两个吸引子，中间夹着一个排斥子。",
    "fixed point x*": "不动点 x*",
    "kind": "类型",
    "attracting": "吸引",
    "repelling": "排斥",
    # charts (rnnviz.charts_training)
    "floor {value}": "下限 {value}",
    "no memory {value}": "无记忆 {value}",
    "Loss per epoch (whole training set)": "每轮的损失（整个训练集）",
    "Accuracy per epoch": "每轮的准确率",
    "Accuracy: classification tasks only": "准确率：仅限分类任务",
    "Gradient norm of every update (log)": "每次更新的梯度范数（对数刻度）",
    "update": "更新",
    "step {step}: w = {w}, b = {b}": "第 {step} 步：w = {w}，b = {b}",
    "start": "起点",
    "start: w = {w}, b = {b}": "起点：w = {w}，b = {b}",
    "Loss E per step (log)": "每一步的损失 E（对数刻度）",
    "‖∇E‖ before clipping (log)": "裁剪前的 ‖∇E‖（对数刻度）",

    # --- the cliff page (pages/cliff.py) ---
    "Where the wall comes from: two attractors": "墙从何而来：两个吸引子",
    "final E, {run}": "最终 E（{run}）",
    "largest ‖∇E‖ before clipping, {run}": "裁剪前最大的 ‖∇E‖（{run}）",
    "{count} of {steps} steps clipped": "{steps} 步中有 {count} 步被裁剪",
    # sidebar (rnnviz.ui.training.cliff_controls)
    "Gradient descent": "梯度下降",
    "start w₀": "起点 w₀",
    "start b₀": "起点 b₀",
    "steps": "步数",
    "norm clipping θ (blue run)": "按范数裁剪的阈值 θ（蓝色那次）",
}
