// AI assistants (MCP) in the app: the settings section, and an assistant's task held for the
// person's approval in the inbox while `webrun-desk mcp` (the SDK's own client drives it)
// waits on the same history. Screenshots at 1024×640 and 1400×900, light and dark.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Page } from '@playwright/test';
import { expect, test as appTest } from './fixture';
import { openView } from './helpers';

/** `webrun-desk mcp` on the app's history, driven by the SDK's own client, up before the test. */
const test = appTest.extend<{ client: Client }>({
  client: async ({ app }, use) => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['bin/webrun-desk.mjs', 'mcp', '--db', app.db],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        WEBRUN_API_KEY: '',
        WEBRUN_SANDBOX_TIME_SCALE: '0.01',
      },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'Claude Desktop', version: '1.0.0' });
    await client.connect(transport);
    await use(client);
    await client.close();
  },
});

const SIZES = [
  { width: 1024, height: 640 },
  { width: 1400, height: 900 },
] as const;

async function shots(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.getByRole('combobox', { name: 'Theme' }).first().selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({
        path: `test-results/screenshots/mcp-${name}-${size.width}x${size.height}-${theme}.png`,
      });
    }
  }
}

test('the AI assistants section saves its settings, and an assistant waits in the inbox until approved', async ({
  app,
  client,
  page,
}) => {
  await page.setViewportSize(SIZES[0]);
  await page.goto(app.url);
  await openView(page, 'Settings');
  const section = page.getByRole('form', { name: 'AI assistants (MCP)' });
  await expect(
    section.getByRole('checkbox', { name: 'Let AI assistants run tasks' }),
  ).toBeChecked();
  const max = section.getByRole('textbox', { name: /Most one assistant’s task may cost/ });
  await max.fill('lots');
  await section.getByRole('button', { name: 'Save assistant settings' }).click();
  await expect(section.getByRole('alert')).toContainText('an amount in USD');
  await max.fill('0.75');
  const wait = section.getByRole('textbox', { name: /Longest an assistant’s call waits/ });
  await expect(wait).toHaveValue('50');
  await wait.fill('2');
  await section.getByRole('button', { name: 'Save assistant settings' }).click();
  await expect(section.getByRole('alert')).toContainText('from 5 to 3,600');
  await wait.fill('55');
  await section.getByRole('checkbox', { name: /Keep an assistant’s task running/ }).check();
  await section.getByRole('checkbox', { name: /Ask me to approve each/ }).check();
  await section.getByRole('button', { name: 'Save assistant settings' }).click();
  await expect(page.getByText('AI assistant settings saved.')).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await shots(page, 'settings');

  // Survives a reload: it is stored in the history, where the MCP process reads it.
  await page.reload();
  await openView(page, 'Settings');
  await expect(
    page
      .getByRole('form', { name: 'AI assistants (MCP)' })
      .getByRole('textbox', { name: /Most one assistant’s task may cost/ }),
  ).toHaveValue('0.75');
  const reloaded = page.getByRole('form', { name: 'AI assistants (MCP)' });
  await expect(reloaded.getByRole('textbox', { name: /Longest an assistant’s call/ })).toHaveValue(
    '55',
  );
  await expect(reloaded.getByRole('checkbox', { name: /Keep an assistant’s task/ })).toBeChecked();

  const call = client.callTool(
    {
      name: 'run_browser_task',
      arguments: { prompt: 'Find the cheapest train to Porto [duration:20s]' },
    },
    undefined,
    { timeout: 180_000 },
  );
  await page.getByRole('link', { name: /^Inbox/ }).click();
  const waiting = page
    .getByRole('list', { name: 'Tasks waiting for approval' })
    .getByRole('listitem', { name: /Find the cheapest train to Porto/ });
  await expect(waiting).toBeVisible();
  await expect(waiting).toContainText('Claude Desktop');
  await expect(waiting).toContainText('may cost up to $0.75');
  // The inbox's count in the header holds the approval as well as the questions.
  await expect(
    page.getByRole('link', { name: 'Inbox, 0 questions and 1 approval waiting' }),
  ).toContainText('1');
  await shots(page, 'approval');
  await page.setViewportSize(SIZES[0]);
  await waiting.getByRole('button', { name: 'Approve' }).click();
  await expect(waiting).toBeHidden();
  await expect(page.getByRole('link', { name: 'Inbox, 0 questions waiting' })).toBeVisible();
  const result = (await call) as CallToolResult;
  expect((result.structuredContent as { status: string }).status).toBe('completed');
  await openView(page, 'History');
  await expect(page.getByText('Find the cheapest train to Porto').first()).toBeVisible();
});
