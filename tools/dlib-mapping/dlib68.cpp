#define DLIB_PNG_SUPPORT
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_processing.h>
#include <dlib/image_io.h>
#include <iostream>
using namespace dlib;
int main(int argc, char** argv) {
  frontal_face_detector det = get_frontal_face_detector();
  shape_predictor sp; deserialize("/usr/share/dlib/shape_predictor_68_face_landmarks.dat") >> sp;
  for (int a = 1; a < argc; a++) {
    array2d<rgb_pixel> img; load_image(img, argv[a]);
    std::vector<rectangle> dets = det(img);
    for (auto& r : dets) {
      full_object_detection s = sp(img, r);
      std::cout << argv[a] << " box " << r.left() << " " << r.top() << " " << r.width() << " " << r.height();
      for (unsigned k = 0; k < s.num_parts(); k++) std::cout << " " << s.part(k).x() << " " << s.part(k).y();
      std::cout << "\n";
    }
  }
}
