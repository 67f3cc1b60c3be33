/**
 * Two areas with data in both: the demo area Riverside, and North Vale whose every name is
 * distinctive, so a test can search any page for a leak. One account per role in Riverside.
 */
import { ROLES, type Role } from '../lib/authorisation.ts';
import type { Db } from '../db/database.ts';
import { seedDemo } from '../db/seed.ts';
import { addMember, createAccount } from '../modules/accounts/members.service.ts';
import { addBoard, addForum, addOrganisation, createArea, findAreaBySlug, findCharter, listForumsAndBoards, recordSignature } from '../modules/areas/areas.service.ts';
import { DEMO_PASSWORD } from './harness.ts';

export const NORTH_VALE_SECRETS = ['North Vale Secret Council', 'Zebedee Quux', 'North Vale Hidden Forum', 'North Vale Board of Mysteries', 'nv-admin@northvale.example'];

export type TwoAreas = {
  riverside: { id: string; principleId: string; signatureId: string; memberIds: Record<Role, string> };
  northVale: { id: string; principleId: string; signatureId: string; adminId: string };
};

export async function twoAreas(db: Db): Promise<TwoAreas> {
  await seedDemo(db, DEMO_PASSWORD);
  const riverside = (await findAreaBySlug(db, 'riverside'))!;
  const riversideCharter = await findCharter(db, riverside.id);
  const memberIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    const id = await createAccount(db, { email: `only-${role.replace('_', '-')}@riverside.example`, displayName: `Only ${role}`, password: DEMO_PASSWORD });
    await addMember(db, riverside.id, id, role, null);
    memberIds[role] = id;
  }

  const nv = await createArea(db, { slug: 'north-vale', name: 'North Vale SEND Partnership', contactEmail: 'hello@northvale.example' });
  const nvAdmin = await createAccount(db, { email: 'nv-admin@northvale.example', displayName: 'Zebedee Quux', password: DEMO_PASSWORD });
  await addMember(db, nv.id, nvAdmin, 'area_admin', null);
  const org = await addOrganisation(db, nv.id, nvAdmin, { name: 'North Vale Secret Council', kind: 'council' });
  await recordSignature(db, nv.id, nvAdmin, { organisationId: org.id, signedByName: 'Zebedee Quux', signedByRole: 'Chief Executive', signedOn: '2026-01-05' });
  await addBoard(db, nv.id, nvAdmin, { name: 'North Vale Board of Mysteries', description: 'Hidden.' });
  const { boards } = await listForumsAndBoards(db, nv.id);
  await addForum(db, nv.id, nvAdmin, { name: 'North Vale Hidden Forum', audience: 'mixed', description: 'Hidden.', easyRead: 'Hidden.', meets: '', boardIds: [boards[0]!.id] });
  const nvCharter = (await findCharter(db, nv.id))!;
  return {
    riverside: { id: riverside.id, principleId: riversideCharter!.principles[0]!.id, signatureId: riversideCharter!.signatures[0]!.id, memberIds },
    northVale: { id: nv.id, principleId: nvCharter.principles[0]!.id, signatureId: nvCharter.signatures[0]!.id, adminId: nvAdmin },
  };
}
