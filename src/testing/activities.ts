/**
 * Test data: an activity's details with everything optional left empty, so a test names only what
 * it is about.
 */
import { emptyActivityDetails, type ActivityInput } from '../modules/activities/activities.service.ts';

export function testActivity(overrides: Partial<ActivityInput> = {}): ActivityInput {
  return {
    ...emptyActivityDetails(),
    organisationId: null,
    title: 'A survey',
    purpose: 'To hear what families think.',
    type: 'survey',
    level: 'strategic',
    stage: 'review',
    audience: 'both',
    contactName: 'Jess Patel',
    contactEmail: 'lead@riverside.example',
    ...overrides,
  };
}
