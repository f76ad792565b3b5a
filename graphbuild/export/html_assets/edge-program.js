// Dashed and dotted edges for sigma.js (which draws only solid ones): sigma's own straight-edge program
// with one more attribute, the dash pattern in screen pixels, and a fragment shader that leaves the gaps out.
// An edge's `dash` attribute is [on, off] (e.g. [6, 4] dashed, [2, 4] dotted; [0, 0] or absent is solid).
// Exposes window.graphbuildEdgePrograms = { line, arrow } for sigma's `edgeProgramClasses`.
// Adapted from sigma.js's EdgeRectangleProgram (MIT, see sigma.LICENSE): same attributes, uniforms and
// shaders, plus a_dash, u_viewport and the lines that measure and cut the dashes.
(function () {
  "use strict";
  const rendering = Sigma.rendering;
  const floatColor = Sigma.utils.floatColor;
  const { FLOAT, UNSIGNED_BYTE, TRIANGLES } = WebGLRenderingContext;

  const VERTEX_SHADER = `
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec2 a_normal;
attribute float a_normalCoef;
attribute vec2 a_positionStart;
attribute vec2 a_positionEnd;
attribute float a_positionCoef;
attribute vec2 a_dash;

uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_zoomRatio;
uniform float u_pixelRatio;
uniform float u_correctionRatio;
uniform float u_minEdgeThickness;
uniform float u_feather;
uniform vec2 u_viewport;

varying vec4 v_color;
varying vec2 v_normal;
varying float v_thickness;
varying float v_feather;
varying float v_along;
varying vec2 v_dash;

const float bias = 255.0 / 254.0;

void main() {
  vec2 normal = a_normal * a_normalCoef;
  vec2 position = a_positionStart * (1.0 - a_positionCoef) + a_positionEnd * a_positionCoef;
  float normalLength = length(normal);
  vec2 unitNormal = normal / normalLength;
  float pixelsThickness = max(normalLength, u_minEdgeThickness * u_sizeRatio);
  float webGLThickness = pixelsThickness * u_correctionRatio / u_sizeRatio;
  gl_Position = vec4((u_matrix * vec3(position + unitNormal * webGLThickness, 1)).xy, 0, 1);
  v_thickness = webGLThickness / u_zoomRatio;
  v_normal = unitNormal;
  v_feather = u_feather * u_correctionRatio / u_zoomRatio / u_pixelRatio * 2.0;

  // How far along the edge this vertex is, in screen pixels: the dashes keep their size at every zoom.
  vec2 startPx = (u_matrix * vec3(a_positionStart, 1)).xy * u_viewport / 2.0;
  vec2 endPx = (u_matrix * vec3(a_positionEnd, 1)).xy * u_viewport / 2.0;
  v_along = a_positionCoef * length(endPx - startPx);
  v_dash = a_dash;

  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_color.a *= bias;
}
`;

  const FRAGMENT_SHADER = `
precision mediump float;

varying vec4 v_color;
varying vec2 v_normal;
varying float v_thickness;
varying float v_feather;
varying float v_along;
varying vec2 v_dash;

const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);

void main(void) {
  #ifdef PICKING_MODE
  gl_FragColor = v_color;  // the gaps still pick the edge under the mouse
  #else
  if (v_dash.x > 0.0 && mod(v_along, v_dash.x + v_dash.y) > v_dash.x) discard;
  float dist = length(v_normal) * v_thickness;
  float t = smoothstep(v_thickness - v_feather, v_thickness, dist);
  gl_FragColor = mix(v_color, transparent, t);
  #endif
}
`;

  const UNIFORMS = ["u_matrix", "u_zoomRatio", "u_sizeRatio", "u_correctionRatio", "u_pixelRatio", "u_feather",
    "u_minEdgeThickness", "u_viewport"];

  class DashedEdgeProgram extends rendering.EdgeProgram {
    getDefinition() {
      return {
        VERTICES: 6,
        VERTEX_SHADER_SOURCE: VERTEX_SHADER,
        FRAGMENT_SHADER_SOURCE: FRAGMENT_SHADER,
        METHOD: TRIANGLES,
        UNIFORMS,
        ATTRIBUTES: [
          { name: "a_positionStart", size: 2, type: FLOAT },
          { name: "a_positionEnd", size: 2, type: FLOAT },
          { name: "a_normal", size: 2, type: FLOAT },
          { name: "a_color", size: 4, type: UNSIGNED_BYTE, normalized: true },
          { name: "a_id", size: 4, type: UNSIGNED_BYTE, normalized: true },
          { name: "a_dash", size: 2, type: FLOAT },
        ],
        CONSTANT_ATTRIBUTES: [
          { name: "a_positionCoef", size: 1, type: FLOAT },
          { name: "a_normalCoef", size: 1, type: FLOAT },
        ],
        CONSTANT_DATA: [[0, 1], [0, -1], [1, 1], [1, 1], [0, -1], [1, -1]],
      };
    }

    processVisibleItem(edgeIndex, startIndex, sourceData, targetData, data) {
      const thickness = data.size || 1;
      const x1 = sourceData.x, y1 = sourceData.y, x2 = targetData.x, y2 = targetData.y;
      const dx = x2 - x1, dy = y2 - y1;
      let n1 = 0, n2 = 0;
      const squared = dx * dx + dy * dy;
      if (squared) {
        const inverse = 1 / Math.sqrt(squared);
        n1 = -dy * inverse * thickness;
        n2 = dx * inverse * thickness;
      }
      const dash = data.dash || [0, 0];
      const array = this.array;
      array[startIndex++] = x1;
      array[startIndex++] = y1;
      array[startIndex++] = x2;
      array[startIndex++] = y2;
      array[startIndex++] = n1;
      array[startIndex++] = n2;
      array[startIndex++] = floatColor(data.color);
      array[startIndex++] = edgeIndex;
      array[startIndex++] = dash[0];
      array[startIndex++] = dash[1];
    }

    setUniforms(params, { gl, uniformLocations }) {
      const u = uniformLocations;
      gl.uniformMatrix3fv(u.u_matrix, false, params.matrix);
      gl.uniform1f(u.u_zoomRatio, params.zoomRatio);
      gl.uniform1f(u.u_sizeRatio, params.sizeRatio);
      gl.uniform1f(u.u_correctionRatio, params.correctionRatio);
      gl.uniform1f(u.u_pixelRatio, params.pixelRatio);
      gl.uniform1f(u.u_feather, params.antiAliasingFeather);
      gl.uniform1f(u.u_minEdgeThickness, params.minEdgeThickness);
      gl.uniform2f(u.u_viewport, params.width, params.height);
    }
  }

  window.graphbuildEdgePrograms = {
    line: DashedEdgeProgram,
    arrow: rendering.createEdgeCompoundProgram([DashedEdgeProgram, rendering.EdgeArrowHeadProgram]),
  };
})();
