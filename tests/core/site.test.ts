import { describe, expect, it } from 'vitest';
import { categoryOfHost } from '../../src/core/site.js';

describe('categoryOfHost', () => {
  it.each([
    ['www.linkedin.com', 'recruitment'],
    ['jobs.zhaopin.com', 'recruitment'],
    ['tinder.com', 'dating'],
    ['www.jiayuan.com.', 'dating'],
    ['tieba.baidu.com', 'social'],
    ['baidu.com', 'other'],
    ['www.lendingclub.com', 'loan'],
    ['evil-linkedin.com', 'other'],
    ['', 'other'],
    [undefined, 'other'],
  ])('%s is %s', (host, category) => {
    expect(categoryOfHost(host)).toBe(category);
  });
});
