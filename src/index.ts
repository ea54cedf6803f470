/**
 * dnma-tag: the national ENT audience tag (DNMA) on every authenticated page, from a
 * YAML tagging plan. Usage: `import { dnmaTag } from "dnma-tag"`.
 */

export {
  dnmaTag,
  identifyFromLocals,
  type DnmaTagOptions,
  type DnmaTagMiddleware,
} from "./middleware/dnma-tag.js";
export {
  createTagger,
  Tagger,
  type TaggerOptions,
  type TagRequest,
  type Preparation,
} from "./tagging/tagger.js";
export {
  HtmlInjector,
  type InjectorOptions,
  type InjectionResult,
  type UntouchedReason,
} from "./inject/injector.js";
export { createInjectionStream } from "./inject/injection-stream.js";
export { loadPlan, loadPlanSync, parsePlan } from "./plan/load.js";
export { createAdminServer, type AdminOptions, type AdminServer } from "./admin/server.js";
export {
  watchPlan,
  getReloadStatus,
  type WatchOptions,
  type PlanWatch,
  type ReloadOutcome,
} from "./plan/reload.js";
export { explainMatch, type MatchExplanation } from "./plan/explain.js";
export { validatePlanFile, type PlanValidation } from "./plan/validate.js";
export { diffPlans, type UrlDiff } from "./plan/diff.js";
export { measureCoverage, type CoverageReport } from "./coverage/coverage.js";
export { auditPage, type AuditReport } from "./audit/audit.js";
export { resolvePage, toPageRequest } from "./plan/resolve.js";
export type { CompiledPlan, PageResolution } from "./plan/types.js";
export type { DnmaUser } from "./identity/user.js";
export { createPseudonymizer } from "./identity/pseudonymize.js";
export { isValidUai } from "./reference/uai.js";
export { DnmaError, ERROR_CODES, type ErrorCode, type FileIssue } from "./errors.js";
export { SKIP_REASONS, type SkipReason } from "./tagging/reasons.js";
export { createMetrics, type DnmaMetrics } from "./metrics/metrics.js";
export { createProxyServer, type ProxyServer, type ProxyServerOptions } from "./proxy/server.js";
export {
  loadProxyConfig,
  describeConfig,
  type ProxyConfig,
  type ProxyFlags,
} from "./proxy/config.js";
export { handleClickReport } from "./clicks/report.js";
export { describeClick, toClickTarget } from "./clicks/match.js";
export type { ClickResolution, CompiledClicks } from "./clicks/types.js";
