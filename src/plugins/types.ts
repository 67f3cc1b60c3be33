/**
 * What the plugins add to Fastify's request and route config, in one place.
 */
import type { Action, Actor } from '../lib/authorisation.ts';
import type { Language, Translate } from '../lib/messages/messages.ts';

export type PublicArea = {
  id: string;
  slug: string;
  name: string;
  brandColour: string;
  contactEmail: string;
  isDemo: boolean;
  /** The area's logo (an image of the area's own, served by Chorus), if it has one. */
  logoUrl?: string | undefined;
  /** Changes whenever what the public "you said, we did" pages show changes (migration 2026-12-06T0900). */
  publicVersion?: string;
};

/** Every route says who may use it: 'public', or an action that can() must allow. */
export type Access = 'public' | { action: Action };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The page is built only from content frozen when it was published, the same for every visitor
     * (the public "you said, we did" pages): an anonymous visitor's copy gets an ETag and a matching
     * If-None-Match gets 304 (plugins/views.ts). Never set on anything personal.
     */
    frozen?: boolean;
  }
  interface FastifyRequest {
    sessionIdHash: string | null;
    actor: Actor | null;
    area: PublicArea | null;
    lang: Language;
    t: Translate;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    db: import('../db/database.ts').Db;
    config: import('../config/config.ts').Config;
    notifier: import('../modules/notifications/notifications.service.ts').Notifier;
    /** The notifier for one area's messages (its own transport settings). */
    notifierFor: import('../modules/notifications/notifications.service.ts').NotifierFor;
    /** True once SIGTERM arrived: readiness turns 503 while in-flight requests finish. */
    draining: boolean;
    /** Live sessions' events for this instance's streams (modules/live/stream.ts). */
    liveHub: import('../modules/live/index.ts').LiveHub;
  }
}
