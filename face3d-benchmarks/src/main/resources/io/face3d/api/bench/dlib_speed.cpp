// The dlib peer of `face3d bench speed`: Debian's dlib (libdlib-dev) on the suite's photos, one thread, as a user of
// dlib runs it: load_image, get_frontal_face_detector() (HOG) on the photo (upsampled `up` times, 0 or 1), the
// 68-point shape_predictor on every box. Built and run by the suite; prints one line per photo and run:
//   <photo index> <decode ms> <detect ms> <landmarks ms> <faces> <thread cpu ms of detect + landmarks> <checksum>
// Usage: dlib_speed MODEL.dat UPSAMPLE RUNS PHOTO...
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_io.h>
#include <dlib/image_transforms.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

static double ms(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

static double cpuMs() {
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: dlib_speed MODEL.dat UPSAMPLE RUNS PHOTO...\n");
        return 2;
    }
    dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
    dlib::shape_predictor predictor;
    dlib::deserialize(argv[1]) >> predictor;
    int up = std::atoi(argv[2]), runs = std::atoi(argv[3]);
    for (int r = 0; r < runs; r++) {
        for (int i = 4; i < argc; i++) {
            auto t0 = std::chrono::steady_clock::now();
            dlib::array2d<dlib::rgb_pixel> img;
            dlib::load_image(img, argv[i]);
            auto t1 = std::chrono::steady_clock::now();
            double c1 = cpuMs();
            std::vector<dlib::rectangle> faces;
            if (up > 0) {
                dlib::array2d<dlib::rgb_pixel> big;
                dlib::pyramid_up(img, big, dlib::pyramid_down<2>());
                faces = detector(big);
                for (auto& f : faces) {
                    f = dlib::rectangle(f.left() / 2, f.top() / 2, f.right() / 2, f.bottom() / 2);
                }
            } else {
                faces = detector(img);
            }
            auto t2 = std::chrono::steady_clock::now();
            long checksum = 0;
            for (auto& f : faces) {
                dlib::full_object_detection s = predictor(img, f);
                checksum += s.part(30).x();
            }
            auto t3 = std::chrono::steady_clock::now();
            std::printf("%d %.4f %.4f %.4f %zu %.4f %ld\n", i - 4, ms(t0, t1), ms(t1, t2), ms(t2, t3), faces.size(),
                cpuMs() - c1, checksum);
        }
    }
    return 0;
}
