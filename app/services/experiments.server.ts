// Experiments in the storefront (which arm a cart is in, recorded once) and in
// the back office (the figures of one experiment, from three queries).
import type { BundleOffer } from "~/domain/bundle-offers";
import {
  armFigures,
  assignArm,
  attributedVsIncremental,
  cartOutcomes,
  compareWithControl,
  describeArm,
  offersForArm,
  weeklyRevenuePerCart,
  type Experiment,
  type ExperimentArm,
} from "~/domain/experiments";
import { isCountedRequest } from "~/domain/visitors";
import { getExperiment, listExperiments, loadExperimentData, recordAssignment, runningExperiment } from "~/models/experiments.server";

export interface CartArm {
  experiment: Experiment;
  arm: ExperimentArm;
}

/**
 * The cart's arm in the experiment running now; null without a cart or an
 * experiment. Pass the catalog version the request already read, to read none again.
 */
export function cartArm(cartId: string | null, now = Date.now(), catalogVersion?: number): CartArm | null {
  if (cartId === null) return null;
  const experiment = runningExperiment(now, catalogVersion);
  return experiment ? { experiment, arm: assignArm(experiment, cartId) } : null;
}

/** The bundle offers as this cart gets them (a discount arm changes them). */
export function offersForCart(offers: BundleOffer[], cartId: string | null, now = Date.now(), catalogVersion?: number): BundleOffer[] {
  return offersForArm(offers, cartArm(cartId, now, catalogVersion)?.arm ?? null);
}

/**
 * The cart reached a place with suggestions (shown them, or would have): record
 * its arm, once. Bots are not assigned (the same rule as impressions and adds).
 */
export function noteExposure(request: Request | undefined, placed: CartArm | null, cartId: string | null, now = Date.now()) {
  if (!placed || cartId === null || (request && !isCountedRequest(request))) return;
  recordAssignment(placed.experiment.id, cartId, placed.arm.id, now);
}

export const LIFT_FOR_SAMPLE_SIZE = 0.05;

/** The figures of one experiment (by id, else the running one, else the latest), net of refunds, up to `now` or its end. */
export function experimentReport(id: number | null, now = Date.now()) {
  const all = listExperiments();
  const experiment = (id !== null ? getExperiment(id) : null) ?? runningExperiment(now) ?? all.find((e) => e.startsAt <= now) ?? null;
  const choices = all.map((e) => ({ id: e.id, name: e.name, startsAt: e.startsAt, endsAt: e.endsAt }));
  if (!experiment) return { experiment: null, choices };
  const until = Math.min(now, experiment.endsAt ?? now);
  const data = loadExperimentData(experiment);
  const outcomes = cartOutcomes(data.assignments, data.orders, data.adds, experiment.endsAt ?? Number.POSITIVE_INFINITY);
  const figures = armFigures(experiment.arms, outcomes);
  return {
    experiment: {
      id: experiment.id,
      name: experiment.name,
      startsAt: experiment.startsAt,
      endsAt: experiment.endsAt,
      running: experiment.startsAt <= now && (experiment.endsAt === null || now < experiment.endsAt),
      arms: experiment.arms.map((a) => ({ id: a.id, label: a.label, description: describeArm(a), share: a.shareBasisPoints / 100 })),
    },
    choices,
    figures,
    comparisons: compareWithControl(figures, LIFT_FOR_SAMPLE_SIZE),
    liftForSampleSize: LIFT_FOR_SAMPLE_SIZE,
    attribution: attributedVsIncremental(experiment.arms, outcomes),
    weeks: weeklyRevenuePerCart(experiment.arms, outcomes, experiment.startsAt, Math.max(until, experiment.startsAt + 1)),
  };
}

export type ExperimentReport = ReturnType<typeof experimentReport>;
