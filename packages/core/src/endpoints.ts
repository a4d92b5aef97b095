/** `huaweicloud` = Huawei Cloud; `otc` = Open Telekom Cloud. */
export type Cloud = 'huaweicloud' | 'otc';

/** Where a service lives on one cloud. */
export interface CloudEndpoints {
  /** Host name pattern with a `{region}` placeholder. */
  readonly host: string;
  /** Known region ids. */
  readonly regions: readonly string[];
  /** Hosts that do not follow the pattern, by region. */
  readonly exceptions?: Readonly<Record<string, string>>;
}

/** Describes a service for `createHwcClient` and `resolveEndpoint`. */
export interface ServiceDescriptor {
  /** Display name used in messages. */
  readonly name: string;
  /** Endpoints per cloud; a missing cloud means the service is not offered there. */
  readonly clouds: Readonly<Partial<Record<Cloud, CloudEndpoints>>>;
}

const CLOUD_NAMES: Record<Cloud, string> = { huaweicloud: 'Huawei Cloud', otc: 'Open Telekom Cloud' };

/** Auto Scaling (AS), from the official SDKs' region tables. */
export const autoScalingService: ServiceDescriptor = {
  name: 'Auto Scaling',
  clouds: {
    huaweicloud: {
      host: 'as.{region}.myhuaweicloud.com',
      regions: [
        'af-south-1',
        'af-north-1',
        'ap-southeast-1',
        'ap-southeast-2',
        'ap-southeast-3',
        'ap-southeast-4',
        'ap-southeast-5',
        'cn-north-1',
        'cn-north-2',
        'cn-north-4',
        'cn-north-9',
        'cn-north-11',
        'cn-north-12',
        'cn-east-2',
        'cn-east-3',
        'cn-east-4',
        'cn-east-5',
        'cn-south-1',
        'cn-south-2',
        'cn-south-4',
        'cn-southwest-2',
        'cn-southwest-3',
        'eu-west-0',
        'eu-west-101',
        'la-north-2',
        'la-south-2',
        'me-east-1',
        'my-kualalumpur-1',
        'na-mexico-1',
        'ru-moscow-1',
        'ru-northwest-2',
        'sa-brazil-1',
        'tr-west-1',
      ],
      exceptions: { 'ap-southeast-1': 'as.ap-southeast-1.myhwclouds.com' },
    },
    otc: {
      host: 'as.{region}.otc.t-systems.com',
      // eu-ch2 is left out: its AS host (`as.eu-ch2.sc.otc.t-systems.com`) is inferred, not documented; use `baseUrl`.
      regions: ['eu-de', 'eu-nl'],
    },
  },
};

/** ServiceStage (CAS v2); not offered on Open Telekom Cloud. */
export const serviceStageService: ServiceDescriptor = {
  name: 'ServiceStage',
  clouds: {
    huaweicloud: {
      host: 'servicestage.{region}.myhuaweicloud.com',
      regions: [
        'af-south-1',
        'ap-southeast-1',
        'ap-southeast-2',
        'ap-southeast-3',
        'ap-southeast-4',
        'cn-north-1',
        'cn-north-4',
        'cn-north-9',
        'cn-north-12',
        'cn-east-2',
        'cn-east-3',
        'cn-east-4',
        'cn-south-1',
        'cn-south-4',
        'cn-southwest-2',
        'la-north-2',
        'la-south-2',
        'me-east-1',
        'my-kualalumpur-1',
        'ru-moscow-1',
        'sa-brazil-1',
        'tr-west-1',
      ],
    },
  },
};

export interface EndpointOptions {
  region: string;
  /** Default `huaweicloud`. */
  cloud?: Cloud;
}

/** Returns `https://{host}` for `service` in `region`; throws for an unknown region or cloud. */
export function resolveEndpoint(
  service: ServiceDescriptor,
  { region, cloud = 'huaweicloud' }: EndpointOptions,
): string {
  const endpoints = service.clouds[cloud];
  if (!endpoints) {
    throw new TypeError(
      `@hwc-openapi/core: ${service.name} is not available on ${CLOUD_NAMES[cloud] ?? cloud}; pass baseUrl to use another endpoint`,
    );
  }
  if (!endpoints.regions.includes(region)) {
    throw new TypeError(
      `@hwc-openapi/core: unknown ${CLOUD_NAMES[cloud]} region "${region}" for ${service.name} (known: ${endpoints.regions.join(', ')}); pass baseUrl to use another endpoint`,
    );
  }
  return `https://${endpoints.exceptions?.[region] ?? endpoints.host.replace('{region}', region)}`;
}
