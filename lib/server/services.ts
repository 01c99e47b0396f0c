import type { AlarmService } from '../gateway/alarms/types';
import type { TokenAuthority } from '../gateway/auth';
import type { Hub } from '../gateway/types';
import type { MockStream } from '../mock';
import type { Sources } from '../sources';
import type { Config } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import type { Metrics } from '../runtime/metrics';
import type { Engines } from './engines';

/** The process's long-lived parts, handed to HTTP routes and the upgrade router. */
export interface Services {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  tokens: TokenAuthority;
  hub: Hub;
  alarms: AlarmService;
  sources: Sources;
  /** Where the floor's live state lives, and this node's name. */
  engines: Engines;
  /** Null when `MOCK_STREAM=off`. */
  mock: MockStream | null;
  startedAt: number;
}
