/**
 * The national reference lists of the DNMA tag (référentiel DNMA, §2).
 * Usage: `SERVICES.includes(value)`.
 */

export const SERVICES = [
  "ACCUEIL",
  "ACTUALITES",
  "CAHIER_TEXTES",
  "CAHIER_LIAISON",
  "COURRIER_ELECTRONIQUE",
  "MESSAGERIE_INSTANTANEE",
  "VISIOCONFERENCE",
  "STOCKAGE_PARTAGE",
  "PRODUCTION_COLLABORATIVE",
  "DOCUMENTATION_CDI",
  "PARCOURS_PEDAGOGIQUE",
  "RESERVATION_SALLES_MATERIELS",
  "SERVICE_COLLECTIVITE",
  "SERVICES_VIE_SCOLAIRE",
  "GESTION_TEMPS",
  "ABSENCES",
  "GESTION_COMPETENCES",
  "NOTES",
  "MANUEL_NUMERIQUE",
  "RESSOURCE_MULTIMEDIA",
  "RESSOURCE_ORIENTATION",
  "RESSOURCE_PRODUCTION",
  "RESSOURCE_ACCOMPAGNEMENT_ENTRAINEMENT",
  "RESSOURCE_REFERENCE_DICTIONNAIRE",
  "RESSOURCE_DOCUMENTAIRE",
  "PAGE_ENT",
] as const;
export type Service = (typeof SERVICES)[number];

export const PROFILES = [
  "ELEVE",
  "ENSEIGNANT",
  "PARENT",
  "ADMIN_VIE_SCOL_TECH",
  "PERSONNEL_COLLECTIVITE",
  "AUTRE",
] as const;
export type Profile = (typeof PROFILES)[number];

export const TYPES = ["NATIF", "TIERS"] as const;
export type ServiceType = (typeof TYPES)[number];

export const HIT_TYPES = ["navigation", "download", "action"] as const;
export type HitType = (typeof HIT_TYPES)[number];

/** OUTIL of every access to a resource of the GAR (national resource access manager). */
export const GAR_OUTIL = "GAR_RESSOURCE";

/** GAR presentation code → SERVICE (référentiel §2.b.iv). */
export const GAR_SERVICES: Readonly<Record<string, Service>> = {
  DIC: "RESSOURCE_REFERENCE_DICTIONNAIRE",
  DOC: "RESSOURCE_DOCUMENTAIRE",
  ORI: "RESSOURCE_ORIENTATION",
  MAN: "MANUEL_NUMERIQUE",
  MUL: "RESSOURCE_MULTIMEDIA",
  PRO: "RESSOURCE_PRODUCTION",
  ACC: "RESSOURCE_ACCOMPAGNEMENT_ENTRAINEMENT",
};

/**
 * Default PROFIL of each category of the national directory (AAF), the fallback
 * for categories not listed being AUTRE. Plans may override any entry.
 */
export const DEFAULT_AAF_PROFILES: Readonly<Record<string, Profile>> = {
  National_ELV: "ELEVE",
  National_TUT: "PARENT",
  National_ENS: "ENSEIGNANT",
  National_DOC: "ENSEIGNANT",
  National_DIR: "ADMIN_VIE_SCOL_TECH",
  National_EVS: "ADMIN_VIE_SCOL_TECH",
  National_ETA: "ADMIN_VIE_SCOL_TECH",
  National_ACA: "ADMIN_VIE_SCOL_TECH",
  National_COL: "PERSONNEL_COLLECTIVITE",
};

/** Returns whether `value` is one of `list`, narrowing its type. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (list as readonly string[]).includes(value);
}
