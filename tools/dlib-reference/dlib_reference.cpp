// Reference output of dlib 19.24 (Debian libdlib-dev) for the Java port io.face3d.vision.dlib:
// HOG frontal face boxes and the 68-point shape predictor, as JSON on stdout.
//
//   dlib-reference MODEL.dat (IMAGE | synth:KIND:W:H:SEED) [--detect [--upsample N]] [--box L,T,W,H]...
//                  [--leaves] [--decimals D] [--time N]
//
// Boxes are dlib rectangles given as left, top, width, height (right = left + width - 1).
// --detect runs get_frontal_face_detector() on the image upsampled N times (default 1, like the Python
// examples' detector(img, 1)), maps the boxes back with pyramid_down<2>::rect_down exactly as dlib's Python
// binding does, prints them under "hog" and runs the predictor on them too.
// Each face carries "parts" (dlib's own output: integer pixel indices) and "exact" (the same points before
// dlib rounds them to integers: the cascade's float shape mapped through impl::unnormalizing_tform). The exact
// shape is rebuilt from the leaf indices dlib reports (shape_predictor::operator() with feats) and the leaf
// values read with dlib's own deserialize, summed in dlib's order, so it is dlib's arithmetic, not ours.
// synth:KIND:W:H:SEED makes a synthetic RGB image (KIND noise | gradient | mixed) with the integer formulas of
// the Java test SyntheticImages, so agreement can be tested without decoding any file.
// --time N runs the predictor N times over the boxes in turn and adds "time_ms" (median and minimum wall time
// per face) to the output, for comparison with the Java JMH benchmark on the same machine.
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_io.h>
#include <dlib/image_transforms.h>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace dlib;

static uint32_t mix_hash(uint32_t seed, uint32_t x, uint32_t y, uint32_t c) {
    uint32_t h = seed * 0x9E3779B1u ^ x * 0x85EBCA77u ^ y * 0xC2B2AE3Du ^ c * 0x27D4EB2Fu;
    h ^= h >> 15; h *= 0x2C1B3C6Du; h ^= h >> 12; h *= 0x297A2D39u; h ^= h >> 15;
    return h;
}

static void synth(array2d<rgb_pixel>& img, const std::string& spec) {
    // KIND:W:H:SEED
    std::stringstream ss(spec);
    std::string kind, tok;
    std::getline(ss, kind, ':');
    std::getline(ss, tok, ':'); long w = std::stol(tok);
    std::getline(ss, tok, ':'); long h = std::stol(tok);
    std::getline(ss, tok, ':'); uint32_t seed = (uint32_t) std::stoul(tok);
    img.set_size(h, w);
    for (long y = 0; y < h; ++y) {
        for (long x = 0; x < w; ++x) {
            int v[3];
            for (int c = 0; c < 3; ++c) {
                int noise = (int) (mix_hash(seed, x, y, c) & 255u);
                int grad = c == 0 ? (int) (x * 255 / (w - 1)) : c == 1 ? (int) (y * 255 / (h - 1))
                                  : (int) ((x + y) * 255 / (w + h - 2));
                if (kind == "noise") v[c] = noise;
                else if (kind == "gradient") v[c] = grad;
                else if (kind == "mixed") { int m = grad + (noise >> 2) - 32; v[c] = m < 0 ? 0 : m > 255 ? 255 : m; }
                else throw std::runtime_error("unknown synthetic kind " + kind);
            }
            img[y][x] = rgb_pixel(v[0], v[1], v[2]);
        }
    }
}

static void print_points(const char* name, const std::vector<dlib::vector<double, 2>>& pts, int decimals) {
    std::printf("\"%s\": [", name);
    for (size_t i = 0; i < pts.size(); ++i)
        std::printf("%s[%.*f, %.*f]", i ? ", " : "", decimals, pts[i].x(), decimals, pts[i].y());
    std::printf("]");
}

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: dlib-reference MODEL.dat (IMAGE | synth:KIND:W:H:SEED) [--detect [--upsample N]]"
                             " [--box L,T,W,H]... [--leaves] [--decimals D] [--time N]\n");
        return 2;
    }
    const std::string model = argv[1], source = argv[2];
    bool detect = false, leaves = false;
    unsigned upsample = 1;
    int decimals = 4, time_runs = 0;
    std::vector<rectangle> boxes;
    for (int i = 3; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--detect") detect = true;
        else if (a == "--leaves") leaves = true;
        else if (a == "--upsample" && i + 1 < argc) upsample = (unsigned) std::stoul(argv[++i]);
        else if (a == "--decimals" && i + 1 < argc) decimals = std::stoi(argv[++i]);
        else if (a == "--time" && i + 1 < argc) time_runs = std::stoi(argv[++i]);
        else if (a == "--box" && i + 1 < argc) {
            long l, t, w, h;
            if (std::sscanf(argv[++i], "%ld,%ld,%ld,%ld", &l, &t, &w, &h) != 4) { std::fprintf(stderr, "bad box\n"); return 2; }
            boxes.push_back(rectangle(l, t, l + w - 1, t + h - 1));
        } else { std::fprintf(stderr, "unknown argument %s\n", a.c_str()); return 2; }
    }

    array2d<rgb_pixel> img;
    if (source.rfind("synth:", 0) == 0) synth(img, source.substr(6));
    else load_image(img, source);

    shape_predictor sp;
    deserialize(model) >> sp;
    // The same file read again into the predictor's own parts (dlib's deserialize, same order as
    // shape_predictor's deserialize) to get at the leaf values for the unrounded shape.
    int version;
    matrix<float, 0, 1> initial_shape;
    std::vector<std::vector<impl::regression_tree>> forests;
    {
        std::ifstream in(model, std::ios::binary);
        deserialize(version, in);
        deserialize(initial_shape, in);
        deserialize(forests, in);
    }

    std::printf("{\"image\": \"%s\", \"width\": %ld, \"height\": %ld", source.c_str(), img.nc(), img.nr());
    if (detect) {
        frontal_face_detector detector = get_frontal_face_detector();
        array2d<rgb_pixel> up;
        assign_image(up, img);
        pyramid_down<2> pyr;
        for (unsigned k = 0; k < upsample; ++k) pyramid_up(up);
        std::vector<rect_detection> dets;
        detector(up, dets, 0.0);
        std::printf(", \"upsample\": %u, \"hog\": [", upsample);
        for (size_t i = 0; i < dets.size(); ++i) {
            rectangle r = pyr.rect_down(drectangle(dets[i].rect), upsample);
            boxes.push_back(r);
            std::printf("%s{\"box\": [%ld, %ld, %ld, %ld], \"score\": %.6f}", i ? ", " : "",
                        r.left(), r.top(), r.width(), r.height(), dets[i].detection_confidence);
        }
        std::printf("]");
    }
    if (time_runs > 0 && !boxes.empty()) {
        std::vector<double> ms;
        for (int k = 0; k < time_runs; ++k) {
            auto t0 = std::chrono::steady_clock::now();
            full_object_detection det = sp(img, boxes[k % boxes.size()]);
            auto t1 = std::chrono::steady_clock::now();
            if (det.num_parts() == 0) return 1;
            ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf(", \"time_ms\": {\"median\": %.4f, \"min\": %.4f, \"runs\": %d}", ms[ms.size() / 2], ms[0], time_runs);
    }
    std::printf(", \"faces\": [");
    for (size_t b = 0; b < boxes.size(); ++b) {
        const rectangle& r = boxes[b];
        std::vector<std::pair<unsigned long, double>> feats;
        full_object_detection det = sp(img, r, feats);
        matrix<float, 0, 1> shape = initial_shape;
        unsigned long offset = 0, k = 0;
        std::vector<std::vector<unsigned long>> leaf_of(forests.size());
        for (size_t c = 0; c < forests.size(); ++c) {
            for (size_t t = 0; t < forests[c].size(); ++t, ++k) {
                unsigned long leaf = feats[k].first - offset;
                leaf_of[c].push_back(leaf);
                shape += forests[c][t].leaf_values[leaf];
                offset += forests[c][t].num_leaves();
            }
        }
        const point_transform_affine to_img = impl::unnormalizing_tform(r);
        std::vector<dlib::vector<double, 2>> exact, parts;
        for (unsigned long i = 0; i < det.num_parts(); ++i) {
            exact.push_back(to_img(impl::location(shape, i)));
            parts.push_back(dlib::vector<double, 2>(det.part(i).x(), det.part(i).y()));
        }
        std::printf("%s{\"box\": [%ld, %ld, %ld, %ld], ", b ? ", " : "", r.left(), r.top(), r.width(), r.height());
        print_points("parts", parts, 0);
        std::printf(", ");
        print_points("exact", exact, decimals);
        if (leaves) {
            std::printf(", \"leaves\": [");
            for (size_t c = 0; c < leaf_of.size(); ++c) {
                std::printf("%s[", c ? ", " : "");
                for (size_t t = 0; t < leaf_of[c].size(); ++t) std::printf("%s%lu", t ? "," : "", leaf_of[c][t]);
                std::printf("]");
            }
            std::printf("]");
        }
        std::printf("}");
    }
    std::printf("]}\n");
    return 0;
}
