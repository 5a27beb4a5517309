"""The leader: each week he de-escalates, holds or doubles down, conventionally or not."""

import numpy as np
from mesa import Agent
from scipy.special import ndtri

from simulator.model import ladder
from simulator.model.agents.command_chain import (
    DEMONSTRATION,
    TACTICAL,
    RefusalDrivers,
    execute_probability,
)
from simulator.model.agents.subsets import in_worlds

DEESCALATE, HOLD, CONVENTIONAL, DEMONSTRATE, STRIKE = range(5)
OPTIONS = ("de-escalate", "hold", "escalate conventionally", "nuclear demonstration",
           "tactical nuclear strike")
_CONVENTIONAL_ROOM = ladder.TOP_CONVENTIONAL - ladder.START
_MOVES_LEFT = (np.clip(ladder.TOP_CONVENTIONAL - np.arange(len(ladder.RUNGS)), 0, None)
               .astype(np.float32) / _CONVENTIONAL_ROOM)
"""Share of the conventional rungs still above each rung, looked up rather than recomputed."""


class Leader(Agent):
    """The Kremlin's decision-maker, facing the three options Alperovitch names.

    Doubling down is either the next conventional rung or a nuclear step. His desperation
    counts each cause once: recent territorial losses, the threat to Crimea, the Donbass
    objective unmet, and his weakness at home. Each option's utility weighs what it is expected to
    win against what it costs (the rung's own cost, the West's likely response, China's
    support, the chance his officers refuse). He picks with a logit (quantal-response) rule.
    Nuclear options open from any rung once a gate opens (Crimea threatened, or desperation
    past his red line, which differs from world to world since nobody knows it);
    conventional moves still open make them less attractive ("he still has a few escalation
    moves left") rather than being a prerequisite. A demonstration costs and wins less than a
    tactical strike. Some leaders are bluffing: whether he is one is drawn once per world,
    since it is a trait of the man nobody outside could see, and his nuclear steps are then
    rhetoric for now, until Ukraine threatens Crimea (Alperovitch) or desperation breaks the
    bluff (the more cornered, the likelier). His Crimea line, like his red line, differs from
    world to world. Any other nuclear step
    is an order sent down the command chain, which he may give again after a refusal, at a
    cost and up to a limit. A successor may end the war or fight on.

    Later crises reach him too (``Crises``): attacks on Russia itself (land held, bases
    struck) add to his desperation; a doctrine change lowers his red line; talks make
    de-escalating pay for a few weeks; and a scenario can schedule his own signals (nuclear
    rhetoric or drills, a conventional escalation step) as events.

    Attributes:
        desperation: 0-1 weighted mean of the reasons he feels cornered.
        option_probabilities: Shape (5, worlds): P(each option of ``OPTIONS``).
        choice: The option taken this week per world.
        red_line: The desperation at which this world's leader opens his nuclear options.
        crimea_line: The threat to Crimea at which this world's leader opens them.
        crimea_at_stake: Whether Ukraine threatens Crimea enough to open his nuclear options.
        gate_open: Whether nuclear options were open to him this week.
        bluffing: Whether this world's leader is bluffing (while Crimea is safe).
        bluffed: Whether this week's nuclear step was rhetoric only.
        threats: Nuclear bluffs so far.
        orders: Nuclear orders given so far.
        first_order_week: Week of the first order (-1 if none).
        orders_refused: Orders the chain refused so far.
        first_blocked_layer: Layer that refused his first refused order (0 if none).
        order_ban_until: Week from which a new order is possible after a refusal.
        used_this_week: Worlds where a nuclear weapon was used this week.
        nuclear_use: Whether a nuclear weapon has been used.
        use_week: Week of the first use (-1 if none).
        tactical_use: Whether a tactical weapon (not only a demonstration) was used.
        doctrine_lowered: Whether a doctrine change has lowered his red line.
        talks_until: The week up to which talks pull him towards de-escalation.
        drivers: This week's reasons for his officers to refuse, read by ``assess`` where
            he weighs or gives an order (None: not assessed this week).
    """

    def __init__(self, model):
        super().__init__(model)
        n = model.n_worlds
        self.desperation = np.zeros(n, np.float32)
        self.option_probabilities = np.zeros((len(OPTIONS), n), np.float32)
        self.choice = np.full(n, HOLD, np.int8)
        self.crimea_at_stake = np.zeros(n, bool)
        self.gate_open = np.zeros(n, bool)
        self.bluffed = np.zeros(n, bool)
        self.threats = np.zeros(n, np.int16)
        self.orders = np.zeros(n, np.int16)
        self.first_order_week = np.full(n, -1, np.int16)
        self.orders_refused = np.zeros(n, np.int16)
        self.first_blocked_layer = np.zeros(n, np.int8)
        self.order_ban_until = np.zeros(n, np.int16)
        self.used_this_week = np.zeros(n, bool)
        self.nuclear_use = np.zeros(n, bool)
        self.use_week = np.full(n, -1, np.int16)
        self.tactical_use = np.zeros(n, bool)
        self.doctrine_lowered = np.zeros(n, bool)
        self.talks_until = np.zeros(n, np.int16)
        self._talks_end = 0
        self.drivers: RefusalDrivers | None = None
        p = model.p
        # Nobody knows where his red line is: each world's leader has his own, drawn once.
        spread = p["leader.red_line_uncertainty"]
        self.red_line = p["leader.desperation_threshold"] + spread * (
            2 * model.draw("red_line") - 1)
        bluff = model.draw("bluff")
        self.bluffing = bluff < p["leader.bluff_share"]
        # How much desperation breaks a bluffer, a trait drawn once like the bluff itself
        # (a fresh draw every week would let repeated bluffs compound into an order). Given
        # the trait, bluff / bluff_share is a uniform of its own.
        with np.errstate(divide="ignore", invalid="ignore"):
            self._breaking = np.where(self.bluffing, bluff / p["leader.bluff_share"],
                                      1.0).astype(np.float32)
        # Nor where his Crimea line is: lognormal around the threshold, so lowering the
        # threshold brings more worlds' lines within Ukraine's reach, gradually.
        u = np.clip(model.draw("crimea_line").astype(np.float64), 1e-6, 1 - 1e-6)
        self.crimea_line = (p["leader.nuclear_threshold"]
                            * np.exp(p["leader.crimea_line_spread"] * ndtri(u))).astype(np.float32)
        costs = [p[rung.cost] if rung.cost else 0.0 for rung in ladder.RUNGS]
        # The cost of the rung above each rung: (rungs,) or, where worlds' costs differ,
        # (rungs, worlds).
        self._next_rung_cost = np.array(np.broadcast_arrays(*costs[1:], 0.0), np.float32)

    def feel_desperation(self) -> np.ndarray:
        """Weighted mean of losses, Crimea, the Donbass, weakness, attacks on Russia itself."""
        p, model = self.model.p, self.model
        battlefield = model.battlefield
        weights = [p[f"leader.weight_{k}"]
                   for k in ("territory", "crimea", "donbass", "weakness", "homeland")]
        terms = [battlefield.defeat, battlefield.crimea_threat,
                 battlefield.donbass_failure, model.domestic.weakness, battlefield.homeland]
        total = sum(weights)
        weighted = sum(w * term for w, term in zip(weights, terms, strict=True))
        with np.errstate(divide="ignore", invalid="ignore"):  # no weight at all: no pressure
            return np.where(total > 0, weighted / total, 0.0)

    def assess(self, nuclear_open: np.ndarray | None = None):
        """Read this week's reasons to refuse and let every layer work out its pass chances.

        Only in the worlds of ``nuclear_open`` (a mask; None: every world): nobody can give an
        order elsewhere. ``step`` does it at most once a week, where he weighs an order or
        gives one; what it stores (``drivers``, each layer's chances) is what ``utilities``
        and the chain's verdict read.
        """
        model = self.model
        self.drivers = RefusalDrivers.of(
            model, None if nuclear_open is None else np.flatnonzero(nuclear_open))
        for layer in model.chain:
            layer.assess(self.drivers)

    def utilities(self) -> np.ndarray:
        """Utilities of every option of ``OPTIONS`` per world, shape (5, worlds).

        The nuclear options weigh this week's assessment of the chain (``assess``), made
        only where they are open (``available`` masks them elsewhere); where none was made,
        their utilities are -inf.
        """
        p, model = self.model.p, self.model
        rung = model.rung
        push = p["leader.resolve"] * self.desperation
        initial_support = p["west.initial_support"]
        with np.errstate(divide="ignore", invalid="ignore"):  # no support to begin with: as is
            support_ratio = np.where(initial_support > 0,
                                     model.west.support / initial_support, 1.0)
        next_cost = self._next_rung_cost
        next_cost = (next_cost[rung] if next_cost.ndim == 1
                     else np.take_along_axis(next_cost, rung[None].astype(np.intp), 0)[0])
        conventional = push - next_cost * support_ratio

        deescalate = p["leader.peace_pull"] * model.domestic.protest - p["leader.face_cost"]
        if model.week < self._talks_end:  # talks running somewhere
            deescalate = deescalate + p["leader.talks_pull"] * (model.week < self.talks_until)
        if self.drivers is None:
            closed = np.full_like(push, -np.inf)
            return np.stack([deescalate, np.zeros_like(push), conventional, closed, closed])
        moves_left = _MOVES_LEFT[rung]
        block = 1 - execute_probability(model.chain)
        nuclear = (push - p["china.restraint"] * model.china.support
                   - p["leader.moves_left"] * moves_left)
        gain = p["leader.escalate_to_deescalate"]
        deterrence, anticipation = p["west.deterrence"], p["leader.anticipation"]
        demonstrate = (nuclear + gain * p["leader.demonstration_gain"]
                       - p["leader.cost_demonstration"]
                       - deterrence * model.west.response_chance(DEMONSTRATION)
                       - anticipation * block[DEMONSTRATION])
        strike = (nuclear + gain - p["leader.cost_tactical"]
                  - deterrence * model.west.response_chance(TACTICAL)
                  - anticipation * block[TACTICAL])
        return np.stack([deescalate, np.zeros_like(push), conventional, demonstrate, strike])

    def crimea_gate(self) -> np.ndarray:
        """Whether Ukraine threatens Crimea enough to open his nuclear options (Alperovitch)."""
        return self.model.battlefield.crimea_threat >= self.crimea_line

    def bluff_breaks(self, worlds: np.ndarray) -> np.ndarray:
        """Whether desperation has broken this bluffer's bluff, in ``worlds``.

        Among bluffers, the share broken at desperation d is ``d ** leader.bluff_firmness``:
        the more cornered, the less of a bluffer. Each world's breaking point is fixed, so
        a bluff holds or breaks with his desperation, not with weekly luck.
        """
        chance = np.power(self.desperation, self.model.p["leader.bluff_firmness"])
        return worlds & (self._breaking < chance)

    def open_gate(self) -> None:
        """This week's nuclear gate: Crimea at stake or the red line crossed, and no ban.

        A command (it sets ``crimea_at_stake`` and ``gate_open``), kept apart from the query
        `available` so that reading the options never changes them.
        """
        p, model = self.model.p, self.model
        self.crimea_at_stake = self.crimea_gate()
        self.gate_open = (
            self.crimea_at_stake
            | (self.desperation >= self.red_line)
        ) & (model.week >= self.order_ban_until) & (
            self.orders_refused <= p["chain.max_reissues"])

    def available(self) -> np.ndarray:
        """Which options each world's leader may take, shape (5, worlds), given the gate."""
        rung = self.model.rung
        at_war = (rung > ladder.NEGOTIATION) & (rung < ladder.WIDER_WAR)
        nuclear = at_war & self.gate_open
        return np.stack([at_war, np.ones_like(at_war),
                         at_war & (rung < ladder.TOP_CONVENTIONAL), nuclear, nuclear])

    def read_news(self):
        """This week's crises of his own: doctrine, talks, and the signals a scenario sets."""
        p, model = self.model.p, self.model
        crises = model.crises
        worlds, shift = crises.hits("doctrine", "russia")
        if worlds.size:
            self.red_line[worlds] -= shift
            self.doctrine_lowered[worlds] = True
        worlds, _ = crises.hits("talks", "both")
        if worlds.size:
            self.talks_until[worlds] = model.week + in_worlds(p["leader.talks_weeks"], worlds)
            self._talks_end = max(self._talks_end, int(self.talks_until.max()))
        position = model.position
        worlds, _ = crises.hits("nuclear_signal", "russia")
        rung = position.rung[worlds]
        worlds = worlds[(rung > ladder.NEGOTIATION) & (rung < ladder.WIDER_WAR)]
        self.threats[worlds] += 1
        position.move(worlds, at_least=ladder.ANNEXATION)
        worlds, _ = crises.hits("conventional_signal", "russia")
        rung = position.rung[worlds]
        worlds = worlds[(rung > ladder.NEGOTIATION) & (rung < ladder.TOP_CONVENTIONAL)]
        position.move(worlds, by=1)

    def step(self):
        """Choose an option per world; a nuclear step is a bluff or an order to the chain."""
        p, model = self.model.p, self.model
        self.drivers = None  # a new week: the chain not yet assessed
        self.read_news()
        self.desperation = self.feel_desperation()
        self.open_gate()
        available = self.available()
        nuclear_open = available[DEMONSTRATE]
        if nuclear_open.any():
            self.assess(nuclear_open)
        utilities = self.utilities()
        logits = np.where(available, p["leader.rationality"] * utilities, -np.inf)
        weights = np.exp(logits - logits.max(axis=0))
        self.option_probabilities = weights / weights.sum(axis=0)
        peace = model.domestic.successor_ends_war & available[DEESCALATE]
        if peace.any():
            self.option_probabilities[:, peace] = 0.0
            self.option_probabilities[DEESCALATE, peace] = 1.0

        # One uniform per world picks the option (inverse CDF): common random numbers hold.
        draw = model.draw("leader_choice")
        self.choice = np.zeros(model.n_worlds, np.int8)
        cumulative = np.zeros(model.n_worlds, np.float32)
        for option in self.option_probabilities[:-1]:
            cumulative += option
            self.choice += draw >= cumulative

        nuclear_step = self.choice >= DEMONSTRATE
        bluffs = nuclear_step & self.bluffing & ~self.crimea_at_stake
        self.bluffed = bluffs & ~self.bluff_breaks(bluffs) if bluffs.any() else bluffs
        self.threats += self.bluffed
        # One rung down or up; a bluff is nuclear rhetoric, at least the annexation rung.
        step = (self.choice == CONVENTIONAL).astype(np.int8) - (self.choice == DEESCALATE)
        model.position.move(by=step)
        model.position.move(self.bluffed, at_least=ladder.ANNEXATION)

        ordered = nuclear_step & ~self.bluffed
        kind = np.where(self.choice == DEMONSTRATE, DEMONSTRATION, TACTICAL)
        model.order.issue(ordered, kind)
        self.orders += ordered
        self.first_order_week[ordered & (self.first_order_week < 0)] = model.week
        if self.drivers is None and ordered.any():
            # Rounding of the choice's probabilities can let an order through where none
            # was open: the chain still decides it, on every world's drivers.
            self.assess()

    def hear_verdict(self):
        """Carry out orders that passed the chain; after a refusal, purge and wait."""
        model, order = self.model, self.model.order
        executed = order.executed
        self.used_this_week = executed
        if executed.any():
            target = np.where(order.kind == DEMONSTRATION, ladder.DEMONSTRATION, ladder.TACTICAL)
            model.position.move(executed, at_least=target[executed])
            self.use_week[executed & ~self.nuclear_use] = model.week
            self.nuclear_use |= executed
            self.tactical_use |= executed & (order.kind == TACTICAL)
            model.battlefield.tactical_used |= self.tactical_use

        refused = order.refused
        if refused.any():
            self.orders_refused += refused
            first = refused & (self.first_blocked_layer == 0)
            self.first_blocked_layer[first] = order.blocked_at[first]
            self.order_ban_until = np.where(refused, model.week + model.p["chain.purge_weeks"],
                                            self.order_ban_until).astype(np.int16)
            worlds = np.flatnonzero(refused)
            levels = order.blocked_at[worlds]
            for layer in model.chain:
                layer.replace_officer(worlds[levels == layer.level])
