/**
 * The decision shared by the middleware and the proxy: given a request, a user and a
 * taggable response, what to insert (or why not), and the accounting of the outcome
 * in metrics, logs and the decision log.
 * Usage: `const tagger = createTagger({ plan, secret }); tagger.prepare(request, user)`.
 */

import { createClientCall } from "../clicks/client-script.js";
import { HtmlInjector, type InjectionResult, type InjectorOptions } from "../inject/injector.js";
import { chooseUai, type DnmaUser, isUsableUser, resolveProfile } from "../identity/user.js";
import { createPseudonymizer, type Pseudonymizer } from "../identity/pseudonymize.js";
import { createLogger, createWarnOnce, type Logger } from "../log/logger.js";
import { createMetrics, type DnmaMetrics } from "../metrics/metrics.js";
import { loadPlanSync } from "../plan/load.js";
import { resolvePage, toPageRequest } from "../plan/resolve.js";
import type { CompiledPlan, PageResolution } from "../plan/types.js";
import { resolveSite } from "../site/resolve-site.js";
import { createTagRenderer, type TagRenderer, type TagValues } from "../tag/render.js";
import { redactPath } from "../log/redact.js";
import { DecisionLog } from "./decision-log.js";
import { SKIP_REASONS, type SkipReason } from "./reasons.js";
import { checkRequest, type RequestFacts } from "./request-gate.js";
import type { Registry } from "prom-client";

export interface TaggerOptions {
  /** A compiled plan, or the path of a plan file (loaded now; an invalid plan throws). */
  plan: CompiledPlan | string;
  /** Key of the ID_PERSO HMAC; defaults to the DNMA_TAG_SECRET environment variable. */
  secret?: string | Buffer | undefined;
  logger?: Logger | undefined;
  registry?: Registry | undefined;
  /** Hold-back limits and sniffing of the injector. */
  injector?: InjectorOptions | undefined;
}

/** The parts of a request a decision depends on. */
export interface TagRequest extends RequestFacts {
  /** Path and query, as in the request line. */
  url: string;
  host: string;
}

export type Preparation =
  | { kind: "skip"; reason: SkipReason }
  | {
      kind: "tag";
      page: Extract<PageResolution, { kind: "page" }>;
      values: TagValues;
      loader: string;
      tag: string;
    };

interface PlanState {
  plan: CompiledPlan;
  renderer: TagRenderer;
}

export class Tagger {
  readonly logger: Logger;
  readonly metrics: DnmaMetrics;
  readonly decisions = new DecisionLog();
  private state: PlanState;
  private readonly pseudonymize: Pseudonymizer;
  /** Logs a warning at most every ten minutes per key. */
  readonly warnOnce: ReturnType<typeof createWarnOnce>;
  private readonly injectorOptions: InjectorOptions;

  constructor(options: TaggerOptions) {
    const plan = typeof options.plan === "string" ? loadPlanSync(options.plan) : options.plan;
    this.pseudonymize = createPseudonymizer(options.secret ?? process.env.DNMA_TAG_SECRET);
    this.logger = options.logger ?? createLogger();
    this.metrics = createMetrics(options.registry);
    this.warnOnce = createWarnOnce(this.logger);
    this.injectorOptions = options.injector ?? {};
    this.state = this.buildState(plan);
  }

  get plan(): CompiledPlan {
    return this.state.plan;
  }

  /** Puts a new (already validated) plan in force; requests in flight keep the old one. */
  setPlan(plan: CompiledPlan): void {
    const previous = this.state.plan;
    this.state = this.buildState(plan);
    this.metrics.planInfo.remove({ plan: previous.name, version: previous.version });
    this.metrics.planInfo.set({ plan: plan.name, version: plan.version }, 1);
  }

  /** The reason a request cannot give a page to tag, or undefined. */
  checkRequest(facts: RequestFacts): SkipReason | undefined {
    return checkRequest(this.state.plan, facts);
  }

  /** Decides what to insert for a user on a taggable response. Never throws. */
  prepare(request: TagRequest, user: unknown, nonce?: string): Preparation {
    try {
      return this.prepareUnsafe(request, user, nonce);
    } catch (err) {
      this.logger.error({ err, reason: "internal-error" }, "dnma-tag could not prepare the tag");
      return { kind: "skip", reason: "internal-error" };
    }
  }

  /** A new injector for a prepared tag. */
  createInjector(
    preparation: Extract<Preparation, { kind: "tag" }>,
    options: InjectorOptions = {},
  ): HtmlInjector {
    return new HtmlInjector(preparation, { ...this.injectorOptions, ...options });
  }

  /** Counts and logs a response served untouched (or, `isLoaderOnly`, with the loader alone). */
  recordSkip(
    request: Pick<TagRequest, "method" | "path">,
    reason: SkipReason,
    page?: PageResolution,
    isLoaderOnly = false,
  ): void {
    this.metrics.pagesSkipped.inc({ reason });
    const rule = page?.kind === "page" ? page.ruleId : undefined;
    const outcome = isLoaderOnly ? "loader-only" : "skipped";
    const path = redactPath(request.path);
    this.decisions.add({
      time: new Date().toISOString(),
      method: request.method,
      path,
      outcome,
      reason,
      rule,
      service: undefined,
    });

    const fields = { reason, outcome, method: request.method, path, rule };
    const message = isLoaderOnly ? "page got the loader but not the tag" : "page served untouched";
    // Note: every decision is at debug; an anomaly is also a warning, once in a while.
    this.logger.debug(fields, message);
    if (SKIP_REASONS[reason].isAnomaly)
      this.warnOnce(`${outcome}:${reason}`, fields, `${message}: ${SKIP_REASONS[reason].text}`);
  }

  /** Counts and logs the outcome of an injection. */
  recordInjection(
    request: Pick<TagRequest, "method" | "path">,
    preparation: Extract<Preparation, { kind: "tag" }>,
    result: InjectionResult,
    seconds: number,
  ): void {
    if (result.status !== "tagged") {
      this.recordSkip(
        request,
        result.reason ?? "internal-error",
        preparation.page,
        result.status === "loader-only",
      );
      return;
    }
    const { page } = preparation;
    this.metrics.pagesTagged.inc({ service: page.service });
    this.metrics.injectionSeconds.observe(seconds);
    this.metrics.addedBytes.observe(result.bytesAdded);
    this.decisions.add({
      time: new Date().toISOString(),
      method: request.method,
      path: redactPath(request.path),
      outcome: "tagged",
      reason: undefined,
      rule: page.ruleId,
      service: page.service,
    });
    this.logger.debug(
      {
        method: request.method,
        path: redactPath(request.path),
        rule: page.ruleId,
        service: page.service,
        placement: result.isTagBeforeBodyEnd ? "body-end" : "document-end",
      },
      "page tagged",
    );
  }

  private prepareUnsafe(
    request: TagRequest,
    user: unknown,
    nonce: string | undefined,
  ): Preparation {
    if (!isUsableUser(user)) return { kind: "skip", reason: "no-user" };

    const { plan, renderer } = this.state;
    const page = resolvePage(plan, toPageRequest(request.url, request.method, request.host));
    if (page.kind === "skip") return { kind: "skip", reason: page.reason };

    const establishment = chooseUai(user);
    if ("error" in establishment) return { kind: "skip", reason: establishment.error };
    const site = resolveSite(plan.sites, establishment.uai);
    if (site === undefined) return { kind: "skip", reason: "no-site" };

    const values = this.buildValues(page, user, establishment.uai, site);
    return {
      kind: "tag",
      page,
      values,
      loader: renderer.loader(nonce),
      tag: renderer.tag(values, nonce),
    };
  }

  private buildValues(
    page: Extract<PageResolution, { kind: "page" }>,
    user: DnmaUser,
    uai: string,
    site: string,
  ): TagValues {
    const { profile, source } = resolveProfile(user, this.state.plan.aafProfiles);
    if (source !== "profile" && source !== "aaf") this.metrics.profileFallbacks.inc({ source });

    return {
      site,
      service: page.service,
      type: page.type,
      outil: page.outil,
      uai,
      profile,
      visitorId: this.pseudonymize(user.id),
      name: page.name,
      chapters: page.chapters,
    };
  }

  private buildState(plan: CompiledPlan): PlanState {
    this.metrics.planInfo.set({ plan: plan.name, version: plan.version }, 1);
    const clientCall = createClientCall(plan);
    const beforeDispatch = clientCall && ((values: TagValues) => clientCall(values.uai));
    return { plan, renderer: createTagRenderer(plan.loaderSrc, plan.platform, { beforeDispatch }) };
  }
}

/** Creates the shared tagger; throws a DnmaError on a bad plan or secret. */
export function createTagger(options: TaggerOptions): Tagger {
  return new Tagger(options);
}
