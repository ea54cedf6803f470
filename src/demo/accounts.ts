/**
 * The demo ENT's accounts: one per PROFIL, each in a real-looking establishment with a
 * valid UAI. Passwords are not checked: this is a demo.
 */

import type { DnmaUser } from "../identity/user.js";

export interface DemoAccount extends DnmaUser {
  login: string;
  displayName: string;
  id: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    login: "eleve",
    displayName: "Léa Martin (élève, 3e B)",
    id: "f3a9c2e1-eleve-0001",
    aafProfile: "National_ELV",
    uai: "0021593W",
  },
  {
    login: "enseignant",
    displayName: "Paul Durand (professeur)",
    id: "f3a9c2e1-ens-0002",
    aafProfile: "National_ENS",
    uais: ["0010024W", "0021593W"],
  },
  {
    login: "parent",
    displayName: "Nadia Martin (responsable)",
    id: "f3a9c2e1-tut-0003",
    aafProfile: "National_TUT",
    uai: "0021593W",
  },
  {
    login: "direction",
    displayName: "Claire Petit (principale)",
    id: "f3a9c2e1-dir-0004",
    aafProfile: "National_DIR",
    uai: "0220158C",
  },
  {
    login: "agent",
    displayName: "Marc Leroy (agent)",
    id: "f3a9c2e1-col-0005",
    aafProfile: "National_COL",
    uai: "0220158C",
  },
  {
    login: "invite",
    displayName: "Invité (intervenant extérieur)",
    id: "f3a9c2e1-ext-0006",
    uai: "6200001G",
  },
];

/** The account with this login, if any. */
export function findAccount(login: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((account) => account.login === login);
}
