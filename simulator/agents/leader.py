"""The leader: each week he de-escalates, holds or doubles down."""

import numpy as np
from mesa import Agent

from simulator import ladder
from simulator.agents.command_chain import pass_probability

DEESCALATE, HOLD, DOUBLE_DOWN = 0, 1, 2
OPTIONS = ("de-escalate", "hold", "double down")


class Leader(Agent):
    """The Kremlin's decision-maker, facing the three options Alperovitch names.

    His utilities weigh desperation (territory lost, Crimea threatened, the Donbass goal
    failed, looking weak) against the expected cost of the next rung (the West's
    response, China's support) and, for nuclear steps, his belief in "escalate to
    de-escalate". He picks with a logit (quantal-response) rule. Nuclear rungs open only
    once the conventional rungs are used up and a gate opens (Crimea threatened, or
    desperation past a threshold). Part of his nuclear escalation is bluff; the rest is
    an order sent down the command chain. An ousted leader's successor de-escalates.

    Attributes:
        desperation: 0-1 weighted mean of the reasons he feels cornered.
        option_probabilities: Shape (3, worlds): P(de-escalate, hold, double down).
        choice: The option taken this week per world.
        gate_open: Whether nuclear options were open to him this week.
        bluffed: Whether this week's nuclear escalation was rhetoric only.
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
    """

    def __init__(self, model):
        super().__init__(model)
        n = model.n_worlds
        self.desperation = np.zeros(n)
        self.option_probabilities = np.zeros((3, n))
        self.choice = np.full(n, HOLD, np.int8)
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

    def feel_desperation(self) -> np.ndarray:
        """Weighted mean of territory lost, Crimea's threat, the Donbass failure, weakness."""
        p, model = self.model.p, self.model
        weights = [p[f"leader.weight_{k}"] for k in ("territory", "crimea", "donbass", "weakness")]
        terms = [
            model.battlefield.defeat,
            model.battlefield.crimea_threat,
            model.battlefield.donbass_failed,
            model.domestic.weakness,
        ]
        total = sum(weights)
        if total == 0:
            return np.zeros(model.n_worlds)
        return sum(w * term for w, term in zip(weights, terms, strict=True)) / total

    def utilities(self) -> np.ndarray:
        """Utilities of (de-escalate, hold, double down) per world, shape (3, worlds)."""
        p, model = self.model.p, self.model
        rung = model.rung
        next_rung = np.minimum(rung + 1, ladder.TOP_CHOSEN)
        nuclear_next = rung >= ladder.TOP_CONVENTIONAL
        expected_block = 1 - pass_probability(model.chain, model.drivers)
        nuclear_term = (
            p["leader.escalate_to_deescalate"]
            - p["china.restraint"] * model.china.support
            - p["west.deterrence"] * model.west.nato_involved
            - p["leader.anticipation"] * expected_block
        )
        double_down = (
            p["leader.resolve"] * self.desperation
            - p["leader.escalation_cost"] * np.asarray(ladder.SEVERITY)[next_rung]
            * model.west.support
            + nuclear_next * nuclear_term
        )
        deescalate = p["leader.peace_pull"] * model.domestic.protest - p["leader.face_cost"]
        return np.stack([deescalate, np.zeros_like(double_down), double_down])

    def available(self) -> np.ndarray:
        """Which options each world's leader may take, shape (3, worlds)."""
        p, model = self.model.p, self.model
        rung = model.rung
        at_war = (rung > ladder.NEGOTIATION) & (rung < ladder.WIDER_WAR)
        self.gate_open = (
            (model.battlefield.crimea_threat >= p["leader.nuclear_threshold"])
            | (self.desperation >= p["leader.desperation_threshold"])
        ) & (model.week >= self.order_ban_until)
        nuclear_next = rung >= ladder.TOP_CONVENTIONAL
        can_climb = at_war & (rung < ladder.TOP_CHOSEN) & (~nuclear_next | self.gate_open)
        return np.stack([at_war, np.ones_like(at_war), can_climb])

    def step(self):
        """Choose an option per world; a nuclear step is a bluff or an order to the chain."""
        p, model = self.model.p, self.model
        self.desperation = self.feel_desperation()
        available = self.available()
        logits = np.where(available, p["leader.rationality"] * self.utilities(), -np.inf)
        weights = np.exp(logits - logits.max(axis=0))
        self.option_probabilities = weights / weights.sum(axis=0)
        successor = model.domestic.ousted & available[DEESCALATE]
        self.option_probabilities[:, successor] = np.array([[1.0], [0.0], [0.0]])

        cumulative = np.cumsum(self.option_probabilities, axis=0)
        draw = model.draw("leader_choice")
        self.choice = np.where(
            draw < cumulative[0], DEESCALATE, np.where(draw < cumulative[1], HOLD, DOUBLE_DOWN)
        ).astype(np.int8)

        rung = model.rung
        climbs = self.choice == DOUBLE_DOWN
        nuclear_step = climbs & (rung >= ladder.TOP_CONVENTIONAL)
        model.rung = rung - (self.choice == DEESCALATE) + (climbs & ~nuclear_step)

        self.bluffed = nuclear_step & (model.draw("bluff") < p["leader.bluff_share"])
        self.threats += self.bluffed
        ordered = nuclear_step & ~self.bluffed
        demonstration = (rung == ladder.TOP_CONVENTIONAL) & (
            model.draw("order_kind") < p["leader.demonstration_share"]
        )
        target = np.where(demonstration, ladder.DEMONSTRATION, ladder.TACTICAL)
        model.order.issue(ordered, target)
        self.orders += ordered
        self.first_order_week[ordered & (self.first_order_week < 0)] = model.week

    def hear_verdict(self):
        """Carry out orders that passed the chain; after a refusal, purge and wait."""
        model, order = self.model, self.model.order
        executed = order.executed
        model.rung = np.where(executed, order.target, model.rung)
        self.used_this_week = executed
        self.use_week[executed & ~self.nuclear_use] = model.week
        self.nuclear_use |= executed
        self.tactical_use |= executed & (order.target == ladder.TACTICAL)
        model.battlefield.tactical_used |= self.tactical_use

        refused = order.refused
        if refused.any():
            self.orders_refused += refused
            first = refused & (self.first_blocked_layer == 0)
            self.first_blocked_layer[first] = order.blocked_at[first]
            self.order_ban_until[refused] = model.week + model.p["chain.purge_weeks"]
            for layer in model.chain:
                layer.replace_officer(refused & (order.blocked_at == layer.level))
