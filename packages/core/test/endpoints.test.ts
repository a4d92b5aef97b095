import { describe, expect, it } from 'vitest';
import { autoScalingService, createHwcClient, resolveEndpoint, serviceStageService } from '../src/index.js';

describe('resolveEndpoint', () => {
  it('uses the Huawei Cloud host patterns', () => {
    expect(resolveEndpoint(autoScalingService, { region: 'cn-north-4' })).toBe(
      'https://as.cn-north-4.myhuaweicloud.com',
    );
    expect(resolveEndpoint(autoScalingService, { region: 'eu-west-101', cloud: 'huaweicloud' })).toBe(
      'https://as.eu-west-101.myhuaweicloud.com',
    );
    expect(resolveEndpoint(serviceStageService, { region: 'ap-southeast-3' })).toBe(
      'https://servicestage.ap-southeast-3.myhuaweicloud.com',
    );
  });

  it('maps AS in ap-southeast-1 to myhwclouds.com (ServiceStage keeps the pattern)', () => {
    expect(resolveEndpoint(autoScalingService, { region: 'ap-southeast-1' })).toBe(
      'https://as.ap-southeast-1.myhwclouds.com',
    );
    expect(resolveEndpoint(serviceStageService, { region: 'ap-southeast-1' })).toBe(
      'https://servicestage.ap-southeast-1.myhuaweicloud.com',
    );
  });

  it('knows Open Telekom Cloud AS, including the Swiss sc sub-domain', () => {
    expect(resolveEndpoint(autoScalingService, { region: 'eu-de', cloud: 'otc' })).toBe(
      'https://as.eu-de.otc.t-systems.com',
    );
    expect(resolveEndpoint(autoScalingService, { region: 'eu-nl', cloud: 'otc' })).toBe(
      'https://as.eu-nl.otc.t-systems.com',
    );
    expect(() => resolveEndpoint(autoScalingService, { region: 'eu-ch2', cloud: 'otc' })).toThrow(/eu-ch2/);
  });

  it('rejects unknown regions, regions of the other cloud, and ServiceStage on OTC', () => {
    expect(() => resolveEndpoint(autoScalingService, { region: 'xx-nowhere-1' })).toThrow(
      /unknown Huawei Cloud region "xx-nowhere-1" for Auto Scaling .*pass baseUrl/,
    );
    expect(() => resolveEndpoint(autoScalingService, { region: 'cn-north-4', cloud: 'otc' })).toThrow(
      /unknown Open Telekom Cloud region "cn-north-4"/,
    );
    expect(() => resolveEndpoint(autoScalingService, { region: 'eu-de' })).toThrow(
      /unknown Huawei Cloud region "eu-de"/,
    );
    expect(() => resolveEndpoint(serviceStageService, { region: 'eu-de', cloud: 'otc' })).toThrow(
      'ServiceStage is not available on Open Telekom Cloud',
    );
    expect(() => resolveEndpoint(serviceStageService, { region: 'cn-north-2' })).toThrow(
      /unknown .* for ServiceStage/,
    );
  });

  it('lets the client skip region checks when baseUrl is given, and requires one of them', () => {
    const credentials = { token: 't', projectId: 'p' };
    expect(() =>
      createHwcClient(serviceStageService, { cloud: 'otc', baseUrl: 'http://127.0.0.1:4010', credentials }),
    ).not.toThrow();
    expect(() =>
      createHwcClient(serviceStageService, { cloud: 'otc', region: 'eu-de', credentials }),
    ).toThrow('not available on Open Telekom Cloud');
    expect(() => createHwcClient(autoScalingService, { credentials })).toThrow(
      'region (or baseUrl) is required',
    );
  });
});
