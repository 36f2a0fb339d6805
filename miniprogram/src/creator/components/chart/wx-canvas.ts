/** The canvas node a WeChat `<canvas type="2d">` gives (fields({ node: true })). */
export interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
}

/**
 * What ECharts (zrender) needs of a canvas it draws on, over WeChat's canvas node: it has no DOM
 * events (touches are forwarded by the component) and no style.
 */
export class WxCanvas {
  constructor(private readonly node: CanvasNode) {}

  getContext(type: '2d'): unknown {
    return this.node.getContext(type);
  }

  get width(): number {
    return this.node.width;
  }

  set width(value: number) {
    this.node.width = value;
  }

  get height(): number {
    return this.node.height;
  }

  set height(value: number) {
    this.node.height = value;
  }

  addEventListener(): void {}

  removeEventListener(): void {}

  attachEvent(): void {}

  detachEvent(): void {}
}
