import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** The boundary errors ESLint reports for `code` as if it were the file at `file`. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (eslint)', () => {
  it('refuses browser code that imports the gateway, the mock, the server or zod', async () => {
    expect(await boundaryErrors('components/bets/wrong-way.tsx', "import { createHub } from '@/lib/gateway/hub';\nexport const x = createHub;\n")).toHaveLength(1);
    expect(await boundaryErrors('lib/store/wrong-way.ts', "import { createMockStream } from '@/lib/mock';\nexport const x = createMockStream;\n")).toHaveLength(1);
    expect(await boundaryErrors('lib/store/wrong-way.ts', "import { loadConfig } from '../runtime/config';\nexport const x = loadConfig;\n")).toHaveLength(1);
    expect(await boundaryErrors('components/x/wrong-way.ts', "import { z } from 'zod';\nexport const x = z;\n")).toHaveLength(1);
  }, 60_000);

  it('lets browser code take types from any protocol module, but values only from the zod-free ones', async () => {
    expect(await boundaryErrors('components/x/ok.ts', "import type { Alarm } from '@/lib/protocol';\nexport type X = Alarm;\n")).toEqual([]);
    expect(await boundaryErrors('components/x/ok.ts', "import { SEVERITIES } from '@/lib/protocol/alarm';\nexport const x = SEVERITIES;\n")).toEqual([]);
    expect(await boundaryErrors('components/x/wrong-way.ts', "import { SEVERITIES } from '@/lib/protocol';\nexport const x = SEVERITIES;\n")).toHaveLength(1);
    expect(await boundaryErrors('components/x/wrong-way.ts', "import { parseClientFrame } from '@/lib/protocol/client-frames';\nexport const x = parseClientFrame;\n")).toHaveLength(1);
  }, 60_000);

  it('refuses a gateway that imports React and a protocol that imports anything of ours', async () => {
    expect(await boundaryErrors('lib/gateway/wrong-way.ts', "import { useState } from 'react';\nexport const x = useState;\n")).toHaveLength(1);
    expect(await boundaryErrors('lib/protocol/wrong-way.ts', "import { createHub } from '../gateway/hub';\nexport const x = createHub;\n")).toHaveLength(1);
  }, 60_000);

  it('keeps the mock and the composition root out of the gateway and the sources, and lib/runtime a leaf', async () => {
    expect(await boundaryErrors('lib/sources/wrong-way.ts', "import { MOCK_PATHS } from '../mock/endpoints';\nexport const x = MOCK_PATHS;\n")).toHaveLength(1);
    expect(await boundaryErrors('lib/gateway/wrong-way.ts', "import { createMockStream } from '../mock';\nexport const x = createMockStream;\n")).toHaveLength(1);
    expect(await boundaryErrors('lib/gateway/wrong-way.ts', "import { createFloorMonitor } from '../server/floor-monitor';\nexport const x = createFloorMonitor;\n")).toHaveLength(1);
    expect(await boundaryErrors('lib/sources/ok.ts', "import type { Logger } from '../runtime/logger';\nexport type X = Logger;\n")).toEqual([]);
    expect(await boundaryErrors('lib/runtime/wrong-way.ts', "import { CHANNELS } from '../protocol/channels';\nexport const x = CHANNELS;\n")).toHaveLength(1);
  }, 60_000);
});
