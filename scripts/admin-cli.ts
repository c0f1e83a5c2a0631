/**
 * `npm run admin -- --stage <stage> --email <address> [--name <name>] [--table <table>] [--region <region>] [--reset]`
 *
 * The way into a freshly deployed stage: creates its first admin with the operator's AWS
 * credentials (the usual AWS_PROFILE / AWS_ACCESS_KEY_ID …) and prints a one-time password that
 * must be changed at first sign-in. The table is the stage's own, read from its SSM parameter
 * (`/portal/<stage>/table-name`, written by the Storage stack) unless `--table` names it.
 * `--reset` gives an existing account a new one-time password instead (a lost admin password).
 * `--endpoint <url>` talks to DynamoDB Local instead of AWS (tests, a local try).
 *
 * `main` is a thin wrapper over `runAdminCli`, which tests/integration/admin-cli.test.ts calls.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { AppError } from "../functions/core/shared/errors";
import { createStore, type Store } from "../functions/core/storage/sdk-store";
import { tableParameterName } from "../infra/parameters";
import { AdminError, createCloudAdmin } from "./admin";
import { localStoreOptions } from "./local/emulators";

/** The stacks' region when neither --region nor AWS_REGION says otherwise (infra/app.ts DEFAULT_REGION). */
const DEFAULT_REGION = "ap-southeast-1";

export interface CliIo {
  log(line: string): void;
  error(line: string): void;
}

const USAGE = "Cách dùng: npm run admin -- --stage <tên giai đoạn> --email <địa chỉ> [--name <họ tên>] [--table <bảng>] [--region <vùng>] [--reset]";

/** Runs the command; returns the process exit code (0 done, 1 refused or failed, 2 wrong usage). */
export async function runAdminCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stage: { type: "string" },
        email: { type: "string" },
        name: { type: "string" },
        table: { type: "string" },
        region: { type: "string" },
        endpoint: { type: "string" },
        reset: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    io.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const stage = values.stage as string | undefined;
  const email = values.email as string | undefined;
  if (!stage || !/^[A-Za-z][A-Za-z0-9-]*$/.test(stage) || !email) {
    io.error(`Thiếu --stage (tên giai đoạn đã triển khai, ví dụ prod) hoặc --email.\n${USAGE}`);
    return 2;
  }
  const region = (values.region as string | undefined) || env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULT_REGION;
  const endpoint = values.endpoint as string | undefined;

  try {
    const table = (values.table as string | undefined) || (await tableOfStage(stage, region, endpoint));
    const store = storeFor(table, region, endpoint);
    const result = await createCloudAdmin(store, { email, name: values.name as string | undefined, reset: values.reset === true });
    io.log(result.created ? `Đã tạo tài khoản quản trị của giai đoạn "${stage}": ${result.email}` : `Đã đặt lại mật khẩu của ${result.email} (giai đoạn "${stage}"); các phiên đăng nhập cũ đã kết thúc.`);
    io.log(`Mật khẩu dùng một lần (chỉ hiện lần này): ${result.oneTimePassword}`);
    io.log("Đăng nhập tại /quan-tri của cổng; hệ thống sẽ yêu cầu đặt mật khẩu mới trước khi làm việc khác.");
    return 0;
  } catch (error) {
    if (error instanceof AdminError || error instanceof AppError) io.error(error.message);
    else io.error(`Không thực hiện được: ${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  }
}

/** The table named by the stage's SSM parameter (needs ssm:GetParameter). */
async function tableOfStage(stage: string, region: string, endpoint: string | undefined): Promise<string> {
  if (endpoint) throw new AdminError("Với --endpoint (DynamoDB Local), hãy nêu bảng bằng --table.");
  const name = tableParameterName(stage);
  const ssm = new SSMClient({ region });
  try {
    const out = await ssm.send(new GetParameterCommand({ Name: name }));
    if (out.Parameter?.Value) return out.Parameter.Value;
  } catch (error) {
    if ((error as Error).name !== "ParameterNotFound") throw error;
  } finally {
    ssm.destroy();
  }
  throw new AdminError(`Không tìm thấy tham số SSM ${name} ở vùng ${region}: giai đoạn "${stage}" đã được triển khai chưa (npm run deploy -- --stage ${stage})? Có thể nêu bảng bằng --table hoặc vùng bằng --region.`);
}

function storeFor(table: string, region: string, endpoint: string | undefined): Store {
  // Only the table is used; the bucket name is never read by account creation.
  if (endpoint) return createStore(localStoreOptions({ dynamodb: endpoint, s3: endpoint }, { table, bucket: "unused" }));
  return createStore({ table, bucket: "unused", dynamodb: { region } });
}

async function main(): Promise<void> {
  // The SDK warns on Node 20 that its 2027 releases need Node 22; the lock pins today's release.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const code = await runAdminCli(process.argv.slice(2), process.env, { log: (line) => console.log(line), error: (line) => console.error(line) });
  process.exit(code);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) void main();
