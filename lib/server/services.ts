import type { AlarmService } from '../gateway/alarms/types';
import type { TokenAuthority } from '../gateway/auth';
import type { Hub } from '../gateway/types';
import type { MockStream } from '../mock';
import type { Sources } from '../sources';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

/** The process's long-lived parts, handed to HTTP routes and the upgrade router. */
export interface Services {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  tokens: TokenAuthority;
  hub: Hub;
  alarms: AlarmService;
  sources: Sources;
  /** Null when `MOCK_STREAM=off`. */
  mock: MockStream | null;
  startedAt: number;
}
